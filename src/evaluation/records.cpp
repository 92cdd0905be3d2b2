#include <string>

#include <antq/evaluation/records.hpp>

namespace antq {

std::string Assessments::place_of(std::size_t i) const {
    return source.empty() ? "records/" + std::to_string(i) : source + ":/records/" + std::to_string(i);
}

}  // namespace antq
