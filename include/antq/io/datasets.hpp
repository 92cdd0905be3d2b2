#pragma once

/** @file Datasets embedded in the library. */

#include <string_view>

#include <antq/directive/directive.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq::datasets {

/**
 * Hải Dương province as it stood in early 2024: 12 district-level units, 235 communes, synthetic
 * villages, and the bodies and posts of the movement at every level. What is real and what is
 * synthetic: data/README.md. Each call parses a fresh copy.
 */
OrgGraph hai_duong_2024();

/** The embedded JSON text of hai_duong_2024 (format "antq.orggraph"). */
std::string_view hai_duong_2024_json() noexcept;

/**
 * Hải Dương's 2024 directive on the movement (Chỉ thị "Đẩy mạnh thực hiện phong trào toàn dân bảo vệ an
 * ninh Tổ quốc năm 2024"): clauses 1-6, the closing assignment, recipients, references and dates, with
 * selectors written for hai_duong_2024(). Its number and date are not known and stay empty.
 */
Directive directive_2024();

/** The embedded JSON text of directive_2024 (format "antq.directive"). */
std::string_view directive_2024_json() noexcept;

}  // namespace antq::datasets
