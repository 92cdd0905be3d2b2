#include <antq/measures/tie_view.hpp>

namespace antq {

std::string TieView::to_string() const {
    std::string out;
    for (TieKind k : kinds) {
        if (!out.empty()) out += '+';
        out += antq::to_string(k);
    }
    return out + (directed ? " (directed)" : " (undirected)");
}

}  // namespace antq
