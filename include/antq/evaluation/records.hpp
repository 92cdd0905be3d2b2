#pragma once

/**
 * @file
 * Assessment records: each unit's self-assessment dossier for a year, as the level above receives it (format
 * "antq.assessments", read and written by antq/io/assessments_json.hpp). Guide: docs/evaluation.md.
 */

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace antq {

/** A dated event that breaks a title criterion (a crime, a complicated dispute, school violence ...). */
struct Incident {
    std::string criterion;  ///< a plain title criterion of the unit's subject
    std::string date;       ///< "YYYY-MM-DD", inside the unit's evaluation window
    std::string note;
    friend bool operator==(const Incident&, const Incident&) = default;
};

/** One unit's self-assessment dossier for a year, as the level above receives it. */
struct AssessmentRecord {
    std::string unit;          ///< persistent unit id
    std::string dossier_date;  ///< "YYYY-MM-DD" the dossier reached the deciding level
    /** The plain title criteria the unit meets; any other is failed (share criteria are computed). */
    std::vector<std::string> criteria_met;
    /** Points per scored criterion, one for each criterion of the subject's classification. */
    std::vector<std::pair<std::string, double>> scores;
    /** The level the unit proposes for itself (a level id), or empty. */
    std::string proposed_level;
    std::vector<Incident> incidents;
    friend bool operator==(const AssessmentRecord&, const AssessmentRecord&) = default;
};

/** A year's records. */
struct Assessments {
    int year = 0;
    std::vector<AssessmentRecord> records;
    /** How errors name the records: "<source>:/records/<i>" (a file name), or "records/<i>" when empty. */
    std::string source;
    /** Where record `i` is, as errors name it. */
    std::string place_of(std::size_t i) const;
    /** Same year and records (the source is only a name). */
    friend bool operator==(const Assessments& a, const Assessments& b) { return a.year == b.year && a.records == b.records; }
};

}  // namespace antq
