#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <antq/errors.hpp>
#include <antq/simulation/parameters.hpp>

namespace antq::simulation {

namespace {

std::string type_name(const Value& v) {
    static constexpr const char* names[] = {"null", "boolean", "integer", "number", "string", "array", "object"};
    return names[static_cast<std::size_t>(v.type())];
}

// A finite number (an integer will do), else an error naming `where`.
double to_number(const Value& v, const std::string& where) {
    double x = 0;
    if (v.type() == Value::Type::number) x = v.as_number();
    else if (v.type() == Value::Type::integer) x = static_cast<double>(v.as_integer());
    else throw InvalidInput("wrong_type", where, "expected a number, found " + type_name(v));
    if (!std::isfinite(x)) throw InvalidInput("bad_value", where, "expected a finite number");
    return x;
}

double number(const Object& spec, const std::string& where, const char* field) {
    const Value* v = spec.find(field);
    if (!v) throw InvalidInput("missing_field", where + "." + field, "this distribution needs it");
    return to_number(*v, where + "." + field);
}

double non_negative_value(const Value& v, const std::string& where) {
    const double x = to_number(v, where);
    if (x < 0) throw InvalidInput("bad_value", where, "a delay cannot be negative, found " + std::to_string(x));
    return x;
}

double non_negative(const Object& spec, const std::string& where, const char* field) {
    const Value* v = spec.find(field);
    if (!v) throw InvalidInput("missing_field", where + "." + field, "this distribution needs it");
    return non_negative_value(*v, where + "." + field);
}

}  // namespace

Delay Delay::parse(const Object& spec, const std::string& where) {
    const Value* dist = spec.find("dist");
    if (!dist) throw InvalidInput("missing_field", where + ".dist", "name a distribution: constant, exponential, lognormal or empirical");
    if (dist->type() != Value::Type::string)
        throw InvalidInput("wrong_type", where + ".dist", "expected a string, found " + type_name(*dist));
    Delay d;
    const std::string& name = dist->as_string();
    std::vector<const char*> fields;
    if (name == "constant") {
        d.dist = Dist::constant;
        d.value = non_negative(spec, where, "value");
        fields = {"value"};
    } else if (name == "exponential") {
        d.dist = Dist::exponential;
        d.mean = non_negative(spec, where, "mean");
        if (d.mean == 0) throw InvalidInput("bad_value", where + ".mean", "an exponential delay needs a mean above 0");
        fields = {"mean"};
    } else if (name == "lognormal") {
        d.dist = Dist::lognormal;
        d.mu = number(spec, where, "mu");
        d.sigma = non_negative(spec, where, "sigma");
        fields = {"mu", "sigma"};
    } else if (name == "empirical") {
        d.dist = Dist::empirical;
        const Value* samples = spec.find("samples");
        if (!samples) throw InvalidInput("missing_field", where + ".samples", "an empirical delay needs measured samples");
        if (samples->type() != Value::Type::array)
            throw InvalidInput("wrong_type", where + ".samples", "expected an array of numbers, found " + type_name(*samples));
        if (samples->as_array().empty()) throw InvalidInput("bad_value", where + ".samples", "give at least one sample");
        for (std::size_t i = 0; i < samples->as_array().size(); ++i)
            d.samples.push_back(non_negative_value(samples->as_array()[i], where + ".samples[" + std::to_string(i) + "]"));
        fields = {"samples"};
    } else {
        throw InvalidInput("bad_value", where + ".dist",
                           "unknown distribution '" + name + "'; expected constant, exponential, lognormal or empirical");
    }
    for (const auto& field : spec) {
        // A lambda may not capture a structured binding before Clang 16, so the key is named plainly.
        const std::string& key = field.first;
        if (key == "dist") continue;
        if (std::find_if(fields.begin(), fields.end(), [&](const char* f) { return key == f; }) == fields.end())
            throw InvalidInput("unknown_field", where + "." + key, "a " + name + " delay has no such field");
    }
    return d;
}

namespace {

void check_whole(double x, double least, const std::string& where, const char* what) {
    if (!(x >= least && x <= 1e6 && x == std::floor(x)))
        throw InvalidInput("bad_value", where, std::string(what) + ", found " + std::to_string(x));
}

}  // namespace

void check_probability(double p, const std::string& where) {
    if (!(p >= 0 && p <= 1)) throw InvalidInput("bad_value", where, "a probability lies in [0, 1]");
}

void check_capacity(double c, const std::string& where) {
    if (!(c > 0)) throw InvalidInput("bad_value", where, "a capacity is a number of documents per day above 0 (infinity: no limit)");
}

void check_rate(double r, const std::string& where) {
    if (!(r >= 0 && std::isfinite(r))) throw InvalidInput("bad_value", where, "a rate is a finite number of incidents per day, at least 0");
}

void check_servers(double c, const std::string& where) {
    check_whole(c, 1, where, "a body handles a whole number of incidents at once, at least 1");
}

void check_threshold(double t, const std::string& where) {
    if (!std::isinf(t) || t < 0) check_whole(t, 0, where, "a threshold is a whole number of waiting incidents, at least 0 (infinity: none)");
}

}  // namespace antq::simulation
