#include "support.hpp"

using namespace antq;

TEST_CASE("value: holds every JSON type") {
    CHECK(Value().is_null());
    CHECK(Value(true).as_bool());
    CHECK(Value(42).as_integer() == 42);
    CHECK(Value(2.5).as_number() == 2.5);
    CHECK(Value("xã").as_string() == "xã");
    CHECK(Value(Array{1, "a"}).as_array().size() == 2);
    CHECK(Value(Object{{"k", 1}}).as_object().size() == 1);
    CHECK(Value(1).type() == Value::Type::integer);
    CHECK(Value(1.0).type() == Value::Type::number);
    CHECK_FALSE(Value(1) == Value(1.0));  // integer and number stay distinct, as in the file
    CHECK_THROWS_AS(Value(1).as_string(), std::bad_variant_access);
}

TEST_CASE("value: objects compare equal whatever the insertion order") {
    Object a, b;
    a.set("x", 1);
    a.set("y", "z");
    b.set("y", "z");
    b.set("x", 1);
    CHECK(a == b);
    a.set("x", 2);  // replaces
    CHECK(a.size() == 2);
    CHECK(a.find("x")->as_integer() == 2);
    CHECK(a.erase("x"));
    CHECK_FALSE(a.erase("x"));
    CHECK(a.find("x") == nullptr);
}
