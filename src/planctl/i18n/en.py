"""The English catalog: the template of every message, by its key.

A template names its fields in braces (`{county}`); a catalog of another language
holds the same keys with the same fields (a test checks both).
"""

from __future__ import annotations

from planctl.i18n.codes import Msg

CATALOG: dict[Msg, str] = {
    Msg.FILE_NOT_FOUND: "no such file",
    Msg.FILE_IS_DIRECTORY: "is a directory; give a file",
    Msg.FILE_UNREADABLE: "cannot read the file: {reason}",
    Msg.FILE_EMPTY: "the file is empty",
    Msg.FILE_BINARY: "not a text file ({detail}){advice}",
    Msg.FILE_WORKBOOK: "this is a {kind}, not a text file{advice}",
    Msg.ADVICE_SAVE_SHEET: "; save the sheet as CSV UTF-8 or as an Excel workbook (.xlsx)",
    Msg.FILE_ENCODING: (
        "the text is neither UTF-8 nor GB18030/GBK: byte {byte} at column {column} of this "
        "line cannot be read; save the file as UTF-8"
    ),
    Msg.DIR_NO_SUBMISSIONS: "no submission files ({suffixes}) in this directory",
    Msg.FILE_IS_REPORT: (
        "is a CSV report that planctl wrote, not a submission; give the counties' files"
    ),
    Msg.FILE_REPORT_SKIPPED: (
        "skipped: a CSV report that planctl wrote, not a submission; keep reports out of "
        "the folders you check"
    ),
    Msg.FILE_IS_WORKBOOK_REPORT: (
        "is an Excel report that planctl wrote, not a submission; give the counties' files"
    ),
    Msg.FILE_WORKBOOK_REPORT_SKIPPED: (
        "skipped: an Excel report that planctl wrote, not a submission; keep reports out of "
        "the folders you check"
    ),
    Msg.CSV_MALFORMED: "cannot parse the CSV: {reason}",
    Msg.CSV_QUOTE_UNCLOSED: (
        "a quoted cell opens here ({start}) and is never closed, so it would take in the rest "
        'of the file ({lines} line(s) from here); add the closing quote (") or remove the '
        "opening one"
    ),
    Msg.CSV_QUOTE_SWALLOWS_ROWS: (
        "a quoted cell opens here ({start}) and runs over {lines} lines, {rows} of which look "
        'like rows of the table; is a closing quote (") missing?'
    ),
    Msg.CSV_QUOTE_SWALLOWS_ROWS_ONE: (
        "a quoted cell opens here ({start}) and runs over {lines} lines, {rows} of which looks "
        'like a row of the table; is a closing quote (") missing?'
    ),
    Msg.CSV_NO_HEADER: (
        "no header row in the first {rows} rows; one must name the columns {columns} (one row "
        "per indicator), or county and the indicators (one row per county)"
    ),
    Msg.CSV_NO_HEADER_ONE: (
        "no header row in the only row; one must name the columns {columns} (one row per "
        "indicator), or county and the indicators (one row per county)"
    ),
    Msg.CSV_MISSING_COLUMN: "missing column '{column}'{hint}",
    Msg.CSV_DUPLICATE_COLUMN: "column '{column}' appears twice in the header",
    Msg.CSV_TOO_MANY_CELLS: (
        "{cells} cells but the header has {columns} columns; "
        'a number with a thousands separator must be quoted ("15,320") or written 15320'
    ),
    Msg.CSV_DECIMAL_COMMA: (
        "{cells} cells but the header has {columns} columns: '{text}' looks like a number "
        "written with a decimal comma, which separates cells in a CSV file; write {suggestion}"
    ),
    Msg.CSV_NO_ROWS: "no figures below the header (a row left blank is not reported)",
    Msg.ROW_COUNTY_EMPTY: "the county is empty",
    Msg.ROW_COUNTY_UNKNOWN: "unknown county '{county}'{hint}",
    Msg.ROW_INDICATOR_EMPTY: "the indicator is empty",
    Msg.ROW_INDICATOR_UNKNOWN: "unknown indicator '{indicator}'{hint}",
    Msg.ROW_DUPLICATE: (
        "{indicator} for {county} is given twice with different figures: {value} here, "
        "{first_value} at {first_place}"
    ),
    Msg.ROW_REPEATED: (
        "{indicator} for {county} repeats {first_place} with the same figures; "
        "the repeat is ignored"
    ),
    Msg.ROW_YEAR_INVALID: "'{text}' is not a year (write it as 2017)",
    Msg.VALUE_EMPTY: "no value, and no numerator and denominator to compute it from",
    Msg.VALUE_NOT_NUMBER: "'{text}' is not a number",
    Msg.VALUE_BAD_SEPARATOR: (
        "'{text}' has commas that are not thousands separators; write {suggestion}"
    ),
    Msg.VALUE_OTHER_DIGITS: (
        "'{text}' is written in {script} digits; only 0-9 (or full-width ０-９) are read as "
        "digits: write {suggestion}"
    ),
    Msg.VALUE_AMBIGUOUS_FRACTION: (
        "'{text}' is ambiguous for {indicator}, a percentage: write {as_percent}% if it is "
        "a fraction of 1, or {text}% if it really is {text} percent"
    ),
    Msg.VALUE_PERCENT_ON_COUNT: "'{text}' has a % sign, but {indicator} is a count",
    Msg.VALUE_COUNT_WORD_ON_PERCENT: (
        "'{text}' is written as a count, but {indicator} is a percentage: write it as a number "
        "or with %"
    ),
    Msg.VALUE_PERCENT_ON_RATIO: (
        "'{text}' has a % sign, but {indicator} is a ratio: write it as a number (16.8 for 16.8 "
        "to 1)"
    ),
    Msg.VALUE_COUNT_WORD_ON_RATIO: (
        "'{text}' is written as a count, but {indicator} is a ratio: write it as a number"
    ),
    Msg.VALUE_TO_ONE_NOT_RATIO: (
        "'{text}' is written as a ratio to one, but {indicator} is not a ratio: write the number"
    ),
    Msg.VALUE_NOT_WHOLE: "'{text}' is not a whole number, but {indicator} is a count",
    Msg.VALUE_OUT_OF_RANGE: ("{value} is outside the valid range of {indicator} ({low} to {high})"),
    Msg.RATIO_HALF_GIVEN: "give both numerator and denominator, or neither ({given} only)",
    Msg.RATIO_NOT_FOR_COUNT: ("{indicator} is a count; it takes no numerator or denominator"),
    Msg.RATIO_NEGATIVE: "{text} is negative; a {field} counts people or schools",
    Msg.RATIO_ZERO_DENOMINATOR: "the denominator is 0",
    Msg.RATIO_PERCENT_SIGN: "'{text}' has a % sign; a {field} is a head count",
    Msg.RATIO_TO_ONE_PART: "'{text}' is written as a ratio; a {field} is a head count",
    Msg.RATIO_DISAGREES: (
        "value {value} disagrees with numerator/denominator {numerator}/{denominator} = "
        "{computed} (the value as written allows ±{tolerance})"
    ),
    Msg.YEAR_MISMATCH: (
        "the figures are for {years}, but the targets are for {year}; "
        "give --year {suggestion} to judge {suggestion} against them"
    ),
    Msg.YEAR_MISMATCH_CHOSEN: "the figures are for {years}, not {year} as --year asks",
    Msg.YEAR_LATER_IGNORED: "figures for {years} come after the year judged ({year}); ignored",
    Msg.COUNTY_IN_TWO_FILES: (
        "{county} ({year}) is also in {other}, with different figures: {indicator} is "
        "{value} here and {other_value} there"
    ),
    Msg.COUNTY_REPEATED_FILE: ("{county} ({year}) repeats the figures of {other}; counted once"),
    Msg.PARTS_DISAGREE: (
        "{county}: {quantity} is {value} here ({role}) but {other_value} at "
        "{other_place} ({other_role}); the two must agree"
    ),
    Msg.COUNTY_NOT_IN_INPUT: "'{county}' has no figures in the input{hint}",
    Msg.TARGETS_YAML_SYNTAX: "not valid YAML: {problem}",
    Msg.TARGETS_YAML_TAG: "the YAML tag {tag} is not allowed in a targets file",
    Msg.TARGETS_NOT_MAPPING: "the file must be a mapping with keys plan, city, counties, targets",
    Msg.TARGETS_SCHEMA: "{message}",
    Msg.TARGETS_UNKNOWN_FIELD: "unknown field{hint}",
    Msg.TARGETS_DUPLICATE_ID: "target id '{id}' is used twice (first at line {first_line})",
    Msg.TARGETS_DUPLICATE_NAME: (
        "'{name}' names both {first} and {second}; a name or alias must point at one target"
    ),
    Msg.TARGETS_UNKNOWN_COUNTY: (
        "'{county}' is not the name of a unit listed under counties or units (aliases do not "
        "count here)"
    ),
    Msg.TARGETS_COUNTY_KIND: (
        "a unit of kind {kind} is not a county-level unit: list it under units, not counties"
    ),
    Msg.TARGETS_UNIT_KIND: (
        "a county-level unit belongs under counties; a unit under units has kind city_run or zone"
    ),
    Msg.TARGETS_UNIT_TWICE: "'{name}' names two reporting units (first at line {first_line})",
    Msg.TARGETS_UNIT_UNKNOWN_TARGET: ("'{target}' is not the id of a target in this file{hint}"),
    Msg.INTERNAL_ERROR: (
        "internal error: {error}; please report it (run with --debug for the traceback)"
    ),
    Msg.STATUS_MET: "met",
    Msg.STATUS_NOT_MET: "NOT MET",
    Msg.STATUS_WARNING: "warning",
    Msg.STATUS_MISSING: "MISSING",
    Msg.STATUS_CITY_TOTAL: "judged on city total",
    Msg.STATUS_NOT_SUBMITTED: "NOT SUBMITTED",
    Msg.STATUS_INCOMPLETE: "INCOMPLETE",
    Msg.STATUS_CANNOT_POOL: "CANNOT POOL",
    Msg.MARK_MET: "ok",
    Msg.MARK_WARNING: "warn",
    Msg.MARK_CONTRIBUTION: "share",
    Msg.LEVEL_ERROR: "error",
    Msg.LEVEL_WARNING: "warning",
    Msg.COL_INDICATOR: "Indicator",
    Msg.CLAUSE_REF: "clause {clause}",
    Msg.COL_TARGET: "Target",
    Msg.COL_REPORTED: "Reported",
    Msg.COL_GAP: "Gap",
    Msg.COL_STATUS: "Status",
    Msg.UNIT_PERCENT: "%",
    Msg.UNIT_PERCENT_GAP: "pts",
    Msg.UNIT_COUNT: "",
    # A ratio to one, as plans write a pupil–teacher ratio (19:1).
    Msg.UNIT_RATIO: ":1",
    Msg.STRENGTH_BINDING: "binding",
    Msg.STRENGTH_ASPIRATIONAL: "aspirational",
    Msg.CONTRIBUTION: "contributes {value}; judged on the city total",
    Msg.NOT_REPORTED: "not reported",
    Msg.COUNTY_TITLE: "{name} {name_en}",
    Msg.UNIT_NAMED: "{name} ({kind})",
    Msg.UNIT_KIND_COUNTY: "county-level",
    Msg.UNIT_KIND_CITY_RUN: "city-run",
    Msg.UNIT_KIND_ZONE: "development zone",
    Msg.UNIT_ON_TARGETS: "{unit} on the {count} target(s) it reports",
    Msg.UNIT_NOT_JUDGED: "{unit}, counted but not judged",
    Msg.CITY_TOTAL_UNITS: "city totals add the {counties} county-level units and {units}",
    Msg.CITY_TOTAL_UNITS_ONE: "city totals add the {counties} county-level unit and {units}",
    Msg.CITY_TOTAL_COUNTIES_ONLY: "city totals add the {counties} county-level units",
    Msg.CITY_TOTAL_COUNTIES_ONLY_ONE: "city totals add the {counties} county-level unit",
    Msg.CITY_TOTAL_WITHOUT: "; not in the city totals: {units}",
    Msg.COUNTY_SUMMARY: (
        "{name}: {met} met, {not_met} not met, {warning} warning(s), {missing} missing, "
        "{city_total} judged on the city total"
    ),
    Msg.OVERALL_PASS: "PASS: every binding target is met",
    Msg.OVERALL_FAIL: "FAIL: {count} failing result(s)",
    Msg.OVERALL_WARN: "PASS with {count} warning(s): aspirational targets not yet met",
    Msg.OVERALL_WARN_STRICT: "FAIL (--strict): {count} aspirational target(s) not met",
    Msg.PROVENANCE_TITLE: "Where each target comes from",
    Msg.PROVENANCE_LINE: "clause {clause}, {name_zh} ({id}), due {deadline}:",
    Msg.PLAN_LINE: "{issuing_body} {issuing_body_en}; issued {issued}; {reference}",
    Msg.VIEW_CITY: "city view: {counties} counties submitted, figures for {year}",
    Msg.VIEW_CITY_ONE: "city view: {counties} county submitted, figures for {year}",
    Msg.VIEW_CITY_UNITS: (
        "city view: {counties} counties and {units} other unit(s) submitted, figures for {year}"
    ),
    Msg.VIEW_CITY_UNITS_ONE: (
        "city view: {counties} county and {units} other unit(s) submitted, figures for {year}"
    ),
    Msg.VIEW_COUNTY: "county view: each county judged alone, figures for {year}",
    Msg.CITY_TITLE: "{name} {name_en} (city total)",
    Msg.QUOTA_OF: "{target} (quota)",
    Msg.ATTENTION_TITLE: "What needs attention",
    Msg.DETAIL_NOT_SUBMITTED: "{county}: submitted no figures",
    Msg.DETAIL_MISSING: "{indicator}: not reported",
    Msg.DETAIL_INCOMPLETE: (
        "{indicator}: the city total lacks the figures of {counties} (without them: {value})"
    ),
    Msg.DETAIL_CANNOT_POOL: (
        "{indicator}: the city rate cannot be pooled: {counties} gave the rate without "
        "numerator and denominator"
    ),
    Msg.DETAIL_RESULT: "{indicator}: {value} against {target}, gap {gap}: {status}",
    Msg.DETAIL_TREND: "by year: {points}",
    Msg.DETAIL_PACE: (
        "pace since {since}: {achieved} a year achieved; {needed} a year needed to meet the "
        "target by {deadline}"
    ),
    Msg.DETAIL_PACE_NOW: "; {needed} a year needed from now ({years} year(s) left)",
    Msg.TARGETS_LINE: "targets: {path}",
    Msg.MATRIX_PART: "counties {first}–{last} of {total}, split to fit the width",
    Msg.MATRIX_PART_ONE: "county {first} of {total}, split to fit the width",
    # When units other than counties (市直学校) are among the columns: they are not counties.
    Msg.MATRIX_PART_UNITS: "units {first}–{last} of {total}, split to fit the width",
    Msg.MATRIX_PART_ONE_UNIT: "unit {first} of {total}, split to fit the width",
    Msg.OVERVIEW_PART: "(columns {first}–{last} of {total}, split to fit the width)",
    Msg.TARGETS_BUILT_IN: "the {year} {place} plan (built in)",
    Msg.NOTE_TARGETS_FILE: "the targets file the check judges by",
    Msg.SUBMITTED_IN: "from {paths}",
    Msg.DID_YOU_MEAN: "; did you mean {candidates}?",
    Msg.HINT_MISSPELT_COLUMN: "; is '{found}' meant to be it?",
    Msg.HINT_HEADER_EXPECTED: " (the header row must name {columns})",
    Msg.EXPECTED_ONE_OF: "; expected one of {candidates}",
    Msg.AND_MORE: "(and {count} more)",
    Msg.PROBLEMS_MORE: "… and {count} more like the one at {first} ({places})",
    Msg.PROBLEMS_LINES: "lines {ranges}",
    Msg.PROBLEMS_ROWS: "rows {ranges} of sheet '{sheet}'",
    Msg.HELP_APP: ("Check the figures counties submit against the quantitative targets of a plan."),
    Msg.HELP_VERSION: "Show the version and exit.",
    Msg.HELP_CHECK: (
        "Check county submissions against the plan's targets. Exit code 0: every binding "
        "target met; 1: a binding target not met, a figure missing, a county not submitted, "
        "a city total incomplete or not poolable (or, with --strict, a warning); "
        "2: bad input, bad targets file or bad usage."
    ),
    Msg.HELP_CHECK_FILES: (
        "County submission files: CSV, Excel (.xlsx, .xlsm) or old Excel (.xls); or "
        "directories: every submission file inside."
    ),
    Msg.HELP_CITY: (
        "Judge the city totals and completeness even when the input holds one county "
        "(the default when it holds several)."
    ),
    Msg.HELP_COUNTY: "Judge only this county (repeatable); the official name or a short form.",
    Msg.HELP_YEAR: (
        "The year whose figures are judged (default: the targets file's year); "
        "earlier years give trends."
    ),
    Msg.HELP_TARGETS_PATH: "Targets file (YAML); the 2017 Xianning plan when not given.",
    Msg.HELP_STRICT: "Fail (exit 1) on warnings too: unmet aspirational targets.",
    Msg.HELP_FORMAT: "What to print on stdout: {formats}.",
    Msg.HELP_DEBUG: "Show the traceback of an internal error.",
    Msg.HELP_NO_CACHE: (
        "Validate the targets file afresh: neither read nor write planctl's cache "
        "(also PLANCTL_NO_CACHE=1)."
    ),
    Msg.CACHE_UNUSED: "cache not used: {reason}; the targets file is validated afresh",
    Msg.CACHE_ENTRY_FORGED: (
        "cache entry ignored: its seal does not match this user's key (written elsewhere, "
        "or altered); the targets file is validated afresh"
    ),
    Msg.CACHE_KEY_INSIDE: (
        "its key file {key} is inside the cache directory, where whoever writes the cache "
        "could replace it; set PLANCTL_CACHE_KEY to a file outside it"
    ),
    Msg.CACHE_SYMLINK: "it is a symbolic link",
    Msg.CACHE_NOT_FOLDER: "it is not a directory",
    Msg.CACHE_KEY_NOT_FILE: "the key is not a regular file",
    Msg.CACHE_NOT_OWNED: "it belongs to another user",
    Msg.CACHE_OPEN_TO_OTHERS: (
        "other users may change it (mode {mode}); chmod go-w it (a key file: chmod 600)"
    ),
    Msg.CACHE_KEY_READABLE: (
        "other users may read it (mode {mode}), and with it seal cache entries of their own; "
        "chmod 600 it"
    ),
    Msg.CLI_PROBLEM_COUNT: "{count} problem(s) in the input; nothing was checked",
    Msg.CLI_INTERRUPTED: "interrupted",
    # Writing targets files (issue 5): targets, targets validate, schema, template, extract.
    Msg.TARGETS_PLACEHOLDER: (
        "'{value}' is a placeholder left by planctl extract; replace it with the real value"
    ),
    Msg.SCHEMA_UNIT: (
        "percent: numerator × 100 / denominator (87 for 87%); count: whole numbers, summed for "
        "the city; ratio: numerator / denominator as it is, fractions allowed (生师比 16.8, "
        "pupils per teacher), pooled for the city as sum over sum, a gap in people counted "
        "in the denominator"
    ),
    Msg.SCHEMA_GROSS: (
        "true for a gross rate (毛入园率, 毛入学率), whose numerator may count people outside "
        "its denominator, so that it may exceed 100%; any other percentage is a share of at "
        "most 100%"
    ),
    Msg.SCHEMA_TARGET_ID: (
        "A stable id in lower_snake_case: submissions and scripts rely on it, so keep it from "
        "year to year"
    ),
    Msg.SCHEMA_ALIASES: "Other names a submission may use for this indicator",
    Msg.SCHEMA_VALID_RANGE: (
        "The values a county can truthfully report; anything outside is a data error"
    ),
    Msg.SCHEMA_THRESHOLD: (
        "The figure the comparator holds a value against; for comparator between, the two "
        "bounds {{min, max}}, both inclusive"
    ),
    Msg.SCHEMA_CONTRIBUTORS: (
        "City-level targets only: the counties whose figures make up the city total (every "
        "county when not given)"
    ),
    Msg.SCHEMA_QUOTAS: "City-level targets only: each contributing county's share of the target",
    Msg.SCHEMA_BASELINE: (
        "Optional: a city figure from a year before the one judged, where the city's trend starts"
    ),
    Msg.SCHEMA_UNITS: (
        "Optional: reporting units that are not county-level (市直学校, a development zone), "
        "expected to submit like the counties"
    ),
    Msg.SCHEMA_UNIT_KIND: (
        "county (under counties), city_run (the schools the city runs, 市直学校) or zone "
        "(a development zone); every report shows it"
    ),
    Msg.SCHEMA_UNIT_JUDGED: (
        "Whether the unit is held to county-level targets as a county is (default true); "
        "if false its figures only count in the city total"
    ),
    Msg.SCHEMA_UNIT_IN_CITY_TOTAL: (
        "Whether the unit's figures add to the city totals (default true); false where they "
        "are already inside a county's"
    ),
    Msg.SCHEMA_UNIT_REPORTS: (
        "Optional: the ids of the targets the unit submits figures for (every target when "
        "not given); it has no result on the others and the city totals expect none from it"
    ),
    Msg.SCHEMA_SOURCE_ZH: (
        "Optional: where the baseline comes from, in Chinese, shown in Chinese output"
    ),
    Msg.SCHEMA_REFERENCE_ZH: (
        "Optional: the plan's reference in Chinese, shown in Chinese output instead of reference"
    ),
    Msg.SCHEMA_QUANTITY_KEY: (
        "Parts of different targets with the same key count the same people, so a county must "
        "report the same figure for both"
    ),
    Msg.SCHEMA_SOURCE_TEXT: (
        "The plan's text file, relative to this file; planctl targets validate checks the "
        "sentences against it"
    ),
    Msg.OUTPUT_UNWRITABLE: "cannot write the file: {reason}",
    Msg.OUTPUT_IS_INPUT: (
        "is also an input, and planctl never overwrites its inputs; choose another file"
    ),
    Msg.OUTPUT_IS_DIRECTORY: "is a directory; name a file to write",
    Msg.OUTPUT_FORMAT_UNKNOWN: "cannot write a '{suffix}' file; write {formats}",
    Msg.LINT_THRESHOLD_OUT_OF_RANGE: (
        "the threshold {threshold} lies outside the valid range ({low} to {high}), so no "
        "county could truthfully report it"
    ),
    Msg.LINT_SHARE_ABOVE_100: (
        "the valid range allows {high}%, but a share cannot pass 100%: set max: 100, or mark "
        "a gross rate (毛入园率) with gross: true"
    ),
    Msg.LINT_RATIO_UNBOUNDED: (
        "a ratio's valid range needs a min and a max (生师比: min: 0, max: 100), or a slip "
        "such as 168 for 16.8 is judged as a figure"
    ),
    Msg.LINT_SHARE_UNBOUNDED: (
        "the valid range has no max, but a share cannot pass 100%: set max: 100, or mark a "
        "gross rate (毛入园率) with gross: true"
    ),
    Msg.LINT_GROSS_CAPPED: (
        "a gross rate may pass 100%, but the valid range stops at {high}%; raise max, or drop "
        "gross: true if this is a share"
    ),
    Msg.LINT_RATE_SUMMED: (
        "a percentage with rollup: sum cannot be pooled, as county rates do not add up; use "
        "rollup: ratio with a numerator and a denominator"
    ),
    Msg.LINT_QUOTAS_SHORT: (
        "the quotas add up to {total}, which does not meet the city target {target}"
    ),
    Msg.LINT_SENTENCE_NOT_IN_PLAN: "the sentence is not in the plan's text ({plan})",
    Msg.LINT_SENTENCE_LOOSELY: (
        "the sentence is in {plan} only when spaces and full-width characters are ignored; "
        "copy it exactly"
    ),
    Msg.LINT_SENTENCE_ELSEWHERE: "the sentence is in {found} of {plan}, not in clause {clause}",
    Msg.LINT_CLAUSE_NOT_IN_PLAN: "{plan} has no clause {clause}",
    Msg.LINT_PLAN_TEXT_UNREADABLE: (
        "plan.source_text names {path}, which cannot be read ({reason}); the sentences were "
        "not checked against the plan"
    ),
    Msg.PREAMBLE: "the text outside the numbered clauses",
    Msg.VALIDATE_SUMMARY: "{path}: {count} target(s), {warnings} warning(s){plan}",
    Msg.VALIDATE_FAILED: "{path}: {errors} error(s); not a usable targets file",
    Msg.VALIDATE_PLAN_CHECKED: "; sentences checked against {plan}",
    Msg.VALIDATE_PLAN_UNCHECKED: "; sentences not checked (give the plan's text with --plan)",
    Msg.COL_UNIT: "Unit",
    Msg.COL_LEVEL: "Level",
    Msg.COL_STRENGTH: "Strength",
    Msg.COL_CLAUSE: "Clause",
    Msg.UNIT_NAME_PERCENT: "percent",
    Msg.UNIT_NAME_GROSS: "percent (gross)",
    Msg.UNIT_NAME_COUNT: "count",
    Msg.UNIT_NAME_RATIO: "ratio",
    Msg.LEVEL_NAME_COUNTY: "county",
    Msg.LEVEL_NAME_CITY: "city total",
    Msg.LIST_SUMMARY: (
        "{count} target(s): {county} judged for each county, {city} on the city total"
    ),
    # No commas: the line stays one cell, a comment row `planctl check` skips.
    Msg.TEMPLATE_COMMENT: (
        "{title} ({targets}): fill in value (for a rate: numerator and denominator instead) "
        "and keep county and indicator as they are"
    ),
    Msg.TEMPLATE_SHEET: "submission 填报",
    Msg.TEMPLATE_HINT_TARGET: "target {target}",
    Msg.TEMPLATE_HINT_PARTS: "numerator: {numerator}; denominator: {denominator}",
    Msg.TEMPLATE_HINT_CITY: "your contribution to the city total (city target {target})",
    Msg.TEMPLATE_HINT_QUOTA: "your quota: {quota}",
    Msg.TEMPLATE_HINT_RATIO: (
        "a ratio: numerator and denominator, or the value as one number (16.8 for 16.8:1)"
    ),
    Msg.TEMPLATE_NO_COUNTIES: "lists no counties; name the counties with --county",
    Msg.EXTRACT_NOTHING: (
        "found no sentence that sets a quantitative target; is this the text of a plan?"
    ),
    Msg.DRAFT_HEADER: (
        "DRAFT of a targets file, written by planctl extract from {plan}.\n"
        "Review every entry before use. Each target below was found in the sentence quoted\n"
        "above it: check its threshold, comparator, unit, strength and level against that\n"
        "sentence, and fill in every value marked TODO. Delete entries that are not targets;\n"
        "add any it missed. The file is ready when this, which also checks each sentence\n"
        "against the plan's text (plan.source_text), exits 0:\n"
        "    planctl targets validate {draft}"
    ),
    Msg.DRAFT_MATCHED: "the same indicator as '{id}' in {targets}? keep the id only if so",
    Msg.DRAFT_NEW: "a new indicator: give it a stable id in lower_snake_case",
    Msg.DRAFT_AS_WRITTEN: "the plan says {written}",
    Msg.DRAFT_COMPARATOR_OPEN: "the plan says {written}: choose >=, >, <=, < or ==",
    Msg.DRAFT_GUESSED: "guessed: check",
    Msg.DRAFT_GROSS: "a gross rate can pass 100%: choose its max",
    Msg.DRAFT_NO_UNIT: (
        "{written} has no unit (a coefficient, a class size): drafted as a count, which counties"
        " report as whole numbers and the city totals; check that this judges it as the plan means"
    ),
    Msg.DRAFT_RATIO: (
        "{written} is a ratio: drafted as unit ratio, numerator / denominator as it is (16.8 for"
        " 16.8:1), fractions allowed, pooled for the city as the sum of numerators over the sum"
        " of denominators, a gap in people counted in the denominator; say what each counts"
        " (生师比: 在校学生数 / 专任教师数) and check the valid range"
    ),
    Msg.DRAFT_COUNTIES: "the county-level units expected to submit, each {example}",
    Msg.DRAFT_UNITS: (
        "the reporting units other than counties, as {targets} declares them; check the "
        "targets each reports against this draft's ids"
    ),
    Msg.DRAFT_REPEATED: (
        "named like {id} above: keep one, or give each its own name (a name points at one target)"
    ),
    Msg.DRAFT_CLAUSE_UNKNOWN: "the sentence is in no numbered clause: give its clause number",
    Msg.TODO_VALUE: "TODO",
    Msg.TODO_NAME_EN: "TODO: the English name",
    Msg.TODO_QUANTITY_ZH: "TODO: what is counted (中文)",
    Msg.TODO_QUANTITY_EN: "TODO: what is counted, in English",
    Msg.DRAFT_LEVEL_WORDS: "level: {level} — {words}",
    Msg.DRAFT_LEVEL_CARRIED: "level: {level} — {words}, in the sentence before: {before}",
    Msg.DRAFT_LEVEL_UNLIKE_KNOWN: (
        "{targets} has level: {level}; the plan's words above decide this draft's level"
    ),
    Msg.HELP_TARGETS: (
        "List the targets of a targets file: id, names, target, unit, level, strength, clause "
        "and sentence. 'planctl targets validate' checks targets files."
    ),
    Msg.HELP_TARGETS_FORMAT: "What to print: a table, or the targets file as JSON.",
    Msg.HELP_VALIDATE: (
        "Check targets files without any submission. Exit code 0: valid (warnings allowed); "
        "1: warnings, with --strict; 2: errors."
    ),
    Msg.HELP_VALIDATE_FILES: "Targets files (YAML).",
    Msg.HELP_VALIDATE_PLAN: (
        "The plan's text: each target's sentence must be in it, in its clause. Without it, "
        "the file's plan.source_text is used when it names one."
    ),
    Msg.HELP_VALIDATE_STRICT: "Fail (exit 1) on warnings too.",
    Msg.HELP_SCHEMA: "Print the JSON Schema of a file planctl reads, for editors and tools.",
    Msg.HELP_SCHEMA_NAME: "Which file's schema.",
    Msg.HELP_TEMPLATE: (
        "Write a blank submission for counties to fill in: a row per target each county "
        "reports, with the Chinese name, unit and target as hints."
    ),
    Msg.HELP_TEMPLATE_COUNTY: (
        "Write rows for this county only; repeat for several. Every county when not given."
    ),
    Msg.HELP_TEMPLATE_OUTPUT: (
        "The file to write; its extension sets the format (.csv). CSV on standard output "
        "when not given."
    ),
    Msg.HELP_EXTRACT: (
        "Draft a targets file from a plan's text: every sentence that sets a quantitative "
        "target, with its clause, comparator, threshold, unit and strength, for a person to "
        "review."
    ),
    Msg.HELP_EXTRACT_PLAN: "The plan's text (UTF-8 or GBK).",
    Msg.HELP_EXTRACT_OUTPUT: "The file to write the draft to; standard output when not given.",
    Msg.HELP_EXTRACT_KNOWN: (
        "A targets file whose ids the draft reuses for the same indicators; the 2017 "
        "Xianning plan when not given."
    ),
    # Workbooks, the wide layout and the names people type (issue 6).
    Msg.LEVEL_NOTE: "note",
    Msg.PLACE_LINE: "line {line}",
    Msg.FILE_TOO_LARGE: (
        "the file is {size}; {kind} is far smaller, and planctl reads at most {limit}"
    ),
    Msg.FILE_NOT_WORKBOOK: (
        "the name ends in {suffix} but the file is not an Excel workbook; open it in Excel or "
        "WPS and save it as an Excel Workbook (.xlsx)"
    ),
    Msg.WORKBOOK_UNREADABLE: (
        "cannot read the workbook ({reason}); if Excel opens it, save it again as .xlsx"
    ),
    Msg.WORKBOOK_XLS_DAMAGED: (
        "is not a readable workbook: it begins as an Excel 97-2003 (.xls) file does, but is "
        "damaged or not an Excel file; if Excel opens it, save it again as .xlsx"
    ),
    Msg.WORKBOOK_XLS_ENCRYPTED: (
        "the workbook is protected by a password, which planctl cannot open; save a copy "
        "without one"
    ),
    Msg.WORKBOOK_UNPACKS_TOO_BIG: (
        "refused: the workbook unpacks to {size} ({part} alone {part_size}); planctl reads "
        "workbooks that unpack to at most {limit} in all, {part_limit} for one part"
    ),
    Msg.WORKBOOK_BOMB: (
        "refused: {part} unpacks to {size}, {ratio} times its packed size, which no "
        "spreadsheet program writes (a zip bomb?)"
    ),
    Msg.WORKBOOK_SHEET_UNSIZED: (
        "refused: the sheets without the size record that spreadsheet programs write first "
        "come to {size} by {part}, more than the {limit} planctl reads without one; open the "
        "file in Excel or WPS and save it again"
    ),
    Msg.WORKBOOK_NO_SHEET: "no sheet named '{sheet}'{hint}",
    Msg.WORKBOOK_NO_SUBMISSION: (
        "no sheet has a header row naming the columns (county, indicator, value; or county and "
        "the indicators); the sheets are {sheets}"
    ),
    Msg.SHEET_TOO_LONG: (
        "the sheet has a row numbered {row}, past row {rows}, the last a spreadsheet has: not "
        "a sheet Excel or WPS wrote, so none of it is read; save the sheet again from a "
        "spreadsheet program"
    ),
    Msg.SHEET_TOO_WIDE: (
        "the sheet goes on right of column {last}; planctl reads the first {columns} columns "
        "and ignores the rest"
    ),
    Msg.CELL_FORMULA_UNSAVED: (
        "the cell holds the formula '{formula}' but no saved value (the workbook was written "
        "by a program and never opened in a spreadsheet program), so it is read as blank; "
        "open and save the workbook in a spreadsheet program (Excel, WPS) to compute it"
    ),
    Msg.SHEET_FORMULAS_UNSAVED: (
        "{count} more cell(s) hold a formula but no saved value, and are read as blank"
    ),
    Msg.SHEET_HIDDEN: (
        "hidden sheet skipped: Excel does not show it, so it is not read; --sheet '{sheet}' "
        "reads it"
    ),
    Msg.SHEET_VERY_HIDDEN: (
        "very hidden sheet skipped: only a macro can show it, so it is not read; "
        "--sheet '{sheet}' reads it"
    ),
    Msg.WIDE_COLUMN_UNKNOWN: "column '{column}' is not a known indicator and is ignored{hint}",
    Msg.WIDE_PART_ALONE: (
        "column '{column}' does not say which indicator it belongs to; with one row per "
        "county, name it like '{example}'"
    ),
    Msg.NOTE_NO_POLARS: (
        "read row by row: polars, which reads large CSV files faster, cannot be imported "
        "({reason}); install it with: pip install polars"
    ),
    Msg.WARN_NO_POLARS_SLOW: (
        "{size} MiB of CSV read row by row, about {seconds} s where polars takes a few: "
        "polars cannot be imported ({reason}); install it with: pip install polars"
    ),
    Msg.NOTE_CSV_READ: "read as {encoding} text, cells separated by {delimiter}",
    Msg.NOTE_WORKBOOK_READ: "{kind} workbook with sheets {sheets}",
    Msg.NOTE_LAYOUT_LONG: "long layout (one row per indicator), header here{skipped}",
    Msg.NOTE_LAYOUT_WIDE: (
        "wide layout (one row per county, one column per indicator), header here with "
        "{count} indicator column(s){skipped}"
    ),
    Msg.NOTE_SKIPPED_ABOVE: "; {count} row(s) above it skipped (a title?)",
    Msg.NOTE_PARTS_ROW: "; the row below it names each indicator's value, 分子 and 分母",
    Msg.NOTE_COLUMN_IGNORED: "column '{column}' ignored: not a column planctl reads",
    Msg.NOTE_SHEET_EMPTY: "sheet skipped: it is empty",
    Msg.NOTE_SHEET_SKIPPED: (
        "sheet skipped: none of its first {rows} rows names the columns of a submission"
    ),
    Msg.NOTE_TOTAL_ROW: "row '{county}' skipped: a total; planctl adds up the city itself",
    Msg.NOTE_UNIT_ROW: "row skipped: units or sub-headings under the header, no figures",
    Msg.NOTE_ROW_BLANK: "{indicator} left blank: not reported",
    Msg.HELP_SHEET: (
        "Read only this sheet of each workbook, hidden or not (default: every visible sheet "
        "with a header)."
    ),
    Msg.HELP_VERBOSE: (
        "Say on stderr how each file was read: encoding, sheets, layout, rows skipped."
    ),
    # Report formats, report files and the schema command.
    Msg.GENERATED_BY: "planctl {version}",
    Msg.HELP_REPORT: (
        "Also write a report to this file (repeatable); the extension names the format: "
        ".json, .md (Markdown), .xml (JUnit), .csv, .html, .txt (the table), .xlsx (an Excel "
        "workbook), .docx (a draft circular)."
    ),
    Msg.REPORT_UNKNOWN_SUFFIX: (
        "'{path}' has no report extension planctl knows; use one of {suffixes}"
    ),
    Msg.OPTION_NOT_WITH_RECORDS: (
        "{option} applies to submitted files, not to record tables (--records): leave it out"
    ),
    Msg.OPTION_NEEDS_RECORDS: (
        "{option} applies to record tables: add --records, or leave {option} out"
    ),
    Msg.FORMAT_TO_FILE_ONLY: (
        "--format {format} writes a file, not text for a terminal: redirect stdout (> {file}) "
        "or use --report {file}"
    ),
    Msg.SHEET_SUMMARY: "Summary",
    Msg.SHEET_MATRIX: "Matrix",
    Msg.SHEET_RANKING: "Ranking",
    Msg.SHEET_RESULTS: "Results",
    Msg.SHEET_PROVENANCE: "Provenance",
    Msg.SHEET_INPUTS: "Inputs",
    Msg.SHEET_CONTINUED: "{name} ({number})",
    Msg.SUMMARY_COUNTIES: "Each county's results, counted",
    Msg.LEGEND_TITLE: "Legend: the word in each cell, and what it means",
    Msg.COL_NUMERATOR: "Numerator",
    Msg.COL_DENOMINATOR: "Denominator",
    Msg.COL_PEOPLE: "People short (numerator)",
    Msg.COL_CARRY: "Counties whose reaching their lines would carry the city over",
    Msg.COL_CARRY_VALUE: "The city if they did",
    Msg.COL_RANK: "Rank",
    Msg.COL_ID: "Id",
    Msg.COL_BASELINE_YEAR: "Baseline year",
    Msg.COL_BASELINE: "Baseline",
    Msg.COL_BASELINE_SOURCE: "Where the baseline comes from (outside the plan)",
    Msg.BASELINE_OUTSIDE: "not from the plan nor the submissions: {source}",
    Msg.CIRCULAR_TITLE: "Draft circular: how the targets of {plan} were met",
    Msg.CIRCULAR_BASIS: (
        "Against {plan}, issued by {issuer} on {issued} ({reference}), the figures for {year} "
        "that {counties} counties submitted have been checked. The results are as follows."
    ),
    Msg.CIRCULAR_BASIS_ONE: (
        "Against {plan}, issued by {issuer} on {issued} ({reference}), the figures for {year} "
        "that {counties} county submitted have been checked. The results are as follows."
    ),
    Msg.CIRCULAR_BASIS_UNITS: (
        "Against {plan}, issued by {issuer} on {issued} ({reference}), the figures for {year} "
        "that {counties} counties and {units} other unit(s) submitted have been checked. The "
        "results are as follows."
    ),
    Msg.CIRCULAR_BASIS_UNITS_ONE: (
        "Against {plan}, issued by {issuer} on {issued} ({reference}), the figures for {year} "
        "that {counties} county and {units} other unit(s) submitted have been checked. The "
        "results are as follows."
    ),
    Msg.CIRCULAR_VERDICT: "Overall: {verdict}.",
    Msg.CIRCULAR_DRAFT_NOTE: (
        "Drafted by planctl from the check's results: review and edit before sending."
    ),
    Msg.CIRCULAR_CITY_HEADING: "The city's results",
    Msg.CIRCULAR_COUNTIES_HEADING: "Each target across the counties",
    Msg.CIRCULAR_TARGET_HEADING: "({number}) {indicator}: {target}, {clause}",
    Msg.CIRCULAR_APPENDIX_HEADING: "Appendix: every result",
    Msg.CIRCULAR_CITY_MET: "The city's {indicator} is {value}, meeting the target of {target}",
    Msg.CIRCULAR_CITY_BELOW: "The city's {indicator} is {value}, {gap} below the target of {bound}",
    Msg.CIRCULAR_CITY_ABOVE: (
        "The city's {indicator} is {value}, {gap} above the ceiling of {bound}"
    ),
    Msg.CIRCULAR_CITY_OFF: "The city's {indicator} is {value}, {gap} off the target of {target}",
    Msg.CIRCULAR_PEOPLE_MORE: "; {count} more {name} would meet it",
    Msg.CIRCULAR_PEOPLE_FEWER: "; {count} fewer {name} would meet it",
    Msg.CIRCULAR_CLOSE: "{sentence} ({status}).",
    Msg.CIRCULAR_STOP: "{sentence}.",
    Msg.CIRCULAR_THEN: "{first} {then}",
    Msg.CIRCULAR_MET_LIST: "Met, ranked: {counties}.",
    Msg.CIRCULAR_BELOW_LIST: "Below the target, ranked: {counties}.",
    Msg.CIRCULAR_SHARE_LIST: "Towards the city total, ranked: {counties}.",
    Msg.CIRCULAR_NO_FIGURE_LIST: "No figure: {counties}.",
    Msg.CIRCULAR_RANKED: "{county} ({value})",
    Msg.CIRCULAR_RANKED_GAP: "{county} ({value}, {gap})",
    Msg.CIRCULAR_NO_FIGURE_ITEM: "{county} ({status})",
    Msg.CIRCULAR_NOT_SUBMITTED: "Submitted no figures: {counties}.",
    Msg.REPORT_UNWRITABLE: "cannot write the report: {reason}",
    Msg.REPORT_IS_INPUT: "the report would overwrite an input file; write it elsewhere",
    Msg.REPORT_IN_INPUT_FOLDER: (
        "the report would be written into {folder}, a folder this check reads; keep reports "
        "out of the folders you check"
    ),
    Msg.REPORT_READABLE_IN_INPUT_FOLDER: (
        "the report would be written into {folder}, a folder this check reads, and the next "
        "check of it would find this {suffix} report among the submissions; keep reports out "
        "of the folders you check"
    ),
    Msg.RUN_DIGEST: "{generator} · run {digest}",
    Msg.FAILING_TITLE: "Failing ({count})",
    Msg.WARNINGS_TITLE: "Warnings ({count})",
    Msg.RESULTS_TITLE: "All results",
    Msg.INPUTS_TITLE: "Inputs",
    Msg.CHARTS_TITLE: "Each target across the counties",
    Msg.COL_SCOPE: "County",
    Msg.COL_SENTENCE: "The plan's sentence",
    Msg.COL_DEADLINE: "Due",
    Msg.COL_FILE: "File",
    Msg.COL_ENCODING: "Encoding",
    Msg.COL_SHA256: "SHA-256",
    Msg.NOTE: "note: {note}",
    Msg.CHART_DESCRIPTION: (
        "{indicator}: each county's figure as a bar (the city total last, in the city view), "
        "and the target {target} as a line"
    ),
    Msg.CHART_AXIS_FROM: "axis from {start}",
    Msg.CHART_NO_PART: "no bar for a county with no part in this target: {counties}",
    Msg.MATRIX_NO_PART: "no part",
    Msg.MATRIX_NO_PART_DETAIL: "{county} has no part in this target (not among its contributors)",
    Msg.MATRIX_NO_PART_UNREPORTED: (
        "{county} does not report this target (not among the targets its reports names)"
    ),
    Msg.MATRIX_PRINT_PART: "part {part} of {parts}",
    Msg.SUBMISSION_CASE: "submitted figures",
    Msg.JUNIT_MESSAGE: "{status}: {value} against {target}{gap}; {clause}",
    Msg.JUNIT_SKIPPED_WARNING: (
        "warning: {value} against {target}{gap}; an aspirational target, {clause}"
    ),
    Msg.JUNIT_SKIPPED_CONTRIBUTION: "contributes {value}; judged on the city total, {clause}",
    Msg.JUNIT_WITHOUT: "{value} without the figures of {counties}",
    Msg.JUNIT_UNPOOLED: "no pooled rate, as {counties} gave no numerator and denominator",
    # Scale (issue 7): the city view of many counties, and the progress bar.
    Msg.SCALE_VIEW: (
        "{counties} counties: a row per target, counting the counties by status; "
        "the worst of the failing counties follow"
    ),
    Msg.SCALE_VIEW_ONE: (
        "{counties} county: a row per target, counting the counties by status; the worst of the "
        "failing counties follow"
    ),
    Msg.SCALE_COUNTIES: "{status} in {count} counties{worst}: {names}",
    Msg.SCALE_COUNTIES_ONE: "{status} in {count} county: {names}",
    Msg.SCALE_WORST: ", worst first",
    Msg.SCALE_NOT_SUBMITTED: "{count} counties submitted no figures: {names}",
    Msg.SCALE_NOT_SUBMITTED_ONE: "{count} county submitted no figures: {names}",
    Msg.SCALE_EVERY_RESULT: (
        "Every county's results: --format csv or --format json (or --report results.csv)."
    ),
    Msg.HELP_PROGRESS: (
        "Show a progress bar on stderr while reading large inputs (default: on a terminal, "
        "not in CI or when stderr is redirected)."
    ),
    Msg.PROGRESS_READING: "reading submissions",
    # Bounded reading (issue 15): special files, sizes, folders, depth, long cells.
    Msg.FILE_NOT_REGULAR: (
        "not a regular file but {kind}, which planctl does not read (it could block or never "
        "end); save the data to a file and give that"
    ),
    Msg.FILE_GREW: (
        "the file grew past {limit} while it was read, the most planctl reads of {kind}; is "
        "something still writing it?"
    ),
    Msg.FILE_LINK_LOOP: "a symbolic link that leads round in a loop; it names no file",
    Msg.FILE_BROKEN_LINK: "a broken symbolic link: it points to '{target}', which does not exist",
    Msg.KIND_DIRECTORY: "a directory",
    Msg.KIND_FIFO: "a named pipe (FIFO)",
    Msg.KIND_CHARACTER_DEVICE: "a character device",
    Msg.KIND_BLOCK_DEVICE: "a block device (a disk)",
    Msg.KIND_SOCKET: "a socket",
    Msg.KIND_SPECIAL: "a special file",
    Msg.INPUT_SUBMISSION: "a submission",
    Msg.INPUT_TARGETS: "a targets file",
    Msg.INPUT_PLAN: "a plan's text",
    Msg.CSV_CELL_TOO_LONG: (
        "a cell longer than {limit} characters, which no figure, name or note is; is a quote "
        '(") left open? The rest of the file is not read'
    ),
    Msg.DIR_TOO_DEEP: (
        "folder not read: it lies more than {limit} levels below {root}, deeper than planctl "
        "looks; give it by name, or move its files up"
    ),
    Msg.DIR_TOO_MANY: (
        "more than {limit} files and folders below this folder, more than planctl looks "
        "through; give the folder that holds the submissions"
    ),
    Msg.DIR_UNREADABLE: "cannot read the folder: {reason}",
    Msg.NOTE_DIR_LOOP: "folder skipped: a link back to {ancestor}, which holds it (a loop)",
    Msg.NOTE_DIR_AGAIN: "folder skipped: the same folder as {first}, read there",
    Msg.TARGETS_TOO_DEEP: (
        "mappings and lists nested more than {limit} levels deep; a targets file nests 4"
    ),
    Msg.TARGETS_NOT_FINITE: "{value} is not a number a target can use; write a finite number",
    Msg.NUMBER_NAN: "NaN (not a number)",
    Msg.NUMBER_INFINITY: "infinity",
    Msg.NUMBER_MINUS_INFINITY: "minus infinity",
    Msg.TARGETS_NUMBER_TOO_LONG: "a number of {digits} digits, longer than any a target uses",
    Msg.EXTRACT_SENTENCE_TOO_LONG: (
        "a sentence of {length} characters, longer than the {limit} planctl searches for "
        "targets, is not read; is the text one line without 。?"
    ),
    # Words that join others (issue 11): a language orders and punctuates them its own way.
    Msg.NAME_PAIR: "{name} {name_en}",
    Msg.INDICATOR_NOTE: "{name_en} ({clause})",
    Msg.QUOTED: "'{name}'",
    Msg.LIST_SEPARATOR: ", ",
    Msg.LIST_LAST: "{items} or {last}",
    Msg.LIST_MORE: "{items} {more}",
    Msg.FIELD_COUNTY: "county",
    Msg.FIELD_INDICATOR: "indicator",
    Msg.FIELD_VALUE: "value",
    Msg.FIELD_NUMERATOR: "numerator",
    Msg.FIELD_DENOMINATOR: "denominator",
    Msg.FIELD_NOTE: "note",
    Msg.FIELD_YEAR: "year",
    Msg.HELP_LANG: (
        "The language of messages and reports: zh (简体中文) or en (default: PLANCTL_LANG, "
        "else the locale)."
    ),
    Msg.LANG_UNKNOWN: "'{value}' is not a language planctl speaks; choose {choices}",
    Msg.TEMPLATE_COL_NAME_ZH: "name_zh",
    Msg.TEMPLATE_COL_UNIT: "unit",
    Msg.TEMPLATE_COL_HINT: "hint",
    Msg.TEMPLATE_HINT_SEPARATOR: "; ",
    Msg.QUANTITY_NAME: "{name} ({name_en})",
    Msg.TARGETS_RANGE_REVERSED: "min {min} is above max {max}",
    Msg.TARGETS_BOUNDS_REVERSED: "min {min} must be below max {max}",
    Msg.TARGETS_RATIO_NEEDS_PARTS: "a ratio roll-up needs both numerator and denominator",
    Msg.TARGETS_SUM_NO_PARTS: "a sum roll-up takes no numerator or denominator",
    Msg.TARGETS_COUNT_AS_RATIO: "a count rolls up as a sum, not a ratio",
    Msg.TARGETS_RATIO_UNIT_AS_SUM: (
        "a ratio rolls up as the sum of its numerators over the sum of its denominators: "
        "write rollup: ratio, with its numerator and denominator"
    ),
    Msg.TARGETS_QUOTAS_CITY_ONLY: "quotas and contributors belong to city-level targets",
    Msg.TARGETS_GROSS_PERCENT_ONLY: "only a percentage can be a gross rate (gross: true)",
    Msg.TARGETS_BETWEEN_NEEDS_BOUNDS: "comparator between takes threshold: {{min: A, max: B}}",
    Msg.TARGETS_BOUNDS_NEED_BETWEEN: (
        "threshold: {{min, max}} needs comparator: between, not {comparator}"
    ),
    Msg.TARGETS_BOUNDS_OUTSIDE: (
        "the bounds {low} to {high} must lie inside the valid range ({valid})"
    ),
    Msg.TARGETS_BETWEEN_NO_QUOTAS: "a between target takes no quotas",
    Msg.TARGETS_BETWEEN_NO_COUNTY_TARGETS: "a between target takes no county_targets",
    Msg.TARGETS_TOLERANCE_ONE_SIDED: (
        "a tolerance needs a comparator with one side: >=, >, <= or <"
    ),
    Msg.TARGETS_COUNTY_TARGET_OUTSIDE: (
        "the county target of {county}, {threshold}, must lie inside the valid range ({valid})"
    ),
    Msg.TARGETS_UNIT_COUNTS_NOWHERE: (
        "a unit neither judged nor in the city total counts nowhere: set judged or in_city_total"
    ),
    Msg.TARGETS_NO_MINIMUM: "no minimum",
    Msg.TARGETS_NO_MAXIMUM: "no maximum",
    Msg.TARGETS_RANGE: "{low} to {high}",
    # pydantic's own messages, word for word: English output keeps them as pydantic writes.
    Msg.SCHEMA_VALUE_ERROR: "Value error, {message}",
    Msg.SCHEMA_GOT: " (got {input})",
    Msg.SCHEMA_MISSING: "Field required",
    Msg.SCHEMA_CHOICE: "Input should be {expected}",
    Msg.SCHEMA_NUMBER: "Input should be a valid number",
    Msg.SCHEMA_NUMBER_PARSING: "Input should be a valid number, unable to parse string as a number",
    Msg.SCHEMA_INTEGER: "Input should be a valid integer",
    Msg.SCHEMA_INTEGER_PARSING: (
        "Input should be a valid integer, unable to parse string as an integer"
    ),
    Msg.SCHEMA_INTEGER_FRACTION: (
        "Input should be a valid integer, got a number with a fractional part"
    ),
    Msg.SCHEMA_STRING: "Input should be a valid string",
    Msg.SCHEMA_BOOLEAN: "Input should be a valid boolean",
    Msg.SCHEMA_BOOLEAN_PARSING: "Input should be a valid boolean, unable to interpret input",
    Msg.SCHEMA_LIST: "Input should be a valid list",
    Msg.SCHEMA_DICTIONARY: "Input should be a valid dictionary",
    Msg.SCHEMA_AT_LEAST: "Input should be greater than or equal to {bound}",
    Msg.SCHEMA_AT_MOST: "Input should be less than or equal to {bound}",
    Msg.SCHEMA_ABOVE: "Input should be greater than {bound}",
    Msg.SCHEMA_BELOW: "Input should be less than {bound}",
    Msg.TARGETS_KEY_TWICE: "the key '{key}' appears twice in one mapping",
    Msg.FILE_CONTROL_CHARACTERS: "{count} control characters",
    Msg.NAME_WITH_ID: "{name} ({id})",
    Msg.VALUE_WITH_PARTS: "{value} ({parts})",
    Msg.TREND_POINT: "{year}: {value}",
    Msg.PLACE_DETAIL: "{place}: {detail}",
    # Judging as the plan says (issue 12): a county against the city's line, gaps in people.
    Msg.STATUS_BELOW_CITY_TARGET: "below the city target",
    Msg.STATUS_MEETS_CITY_TARGET: "meets the city target",
    Msg.MARK_BELOW_CITY: "below city",
    Msg.MARK_MEETS_CITY: "city ok",
    Msg.CITY_LINE_OF: "{target} (city target)",
    Msg.COUNTY_SUMMARY_BELOW: " ({count} below the city target)",
    Msg.DETAIL_PEOPLE_MORE: "{numerator} of {denominator}: {count} more {name} would meet {target}",
    Msg.DETAIL_PEOPLE_FEWER: (
        "{numerator} of {denominator}: {count} fewer {name} would meet {target}"
    ),
    Msg.DETAIL_PEOPLE_MORE_HELD: (
        "{numerator} / {denominator}: {count} more {name} would meet {target}, assuming "
        "{held} unchanged"
    ),
    Msg.DETAIL_PEOPLE_FEWER_HELD: (
        "{numerator} / {denominator}: {count} fewer {name} would meet {target}, assuming "
        "{held} unchanged"
    ),
    Msg.JUNIT_SKIPPED_DIAGNOSTIC: (
        "{status}: {value} against {target}{gap}; not held to it: judged on the city total, "
        "{clause}"
    ),
    Msg.BELOW_CITY_TITLE: "Below the city target, not failing ({count})",
    Msg.PEOPLE_MORE: "{count} more",
    Msg.PEOPLE_FEWER: "{count} fewer",
    Msg.DETAIL_CARRY_ONE: (
        "{counties} reaching its line would carry the city over: {numerator} of "
        "{denominator}, {value}"
    ),
    Msg.DETAIL_CARRY_MANY: (
        "{counties} reaching their lines would carry the city over: {numerator} of "
        "{denominator}, {value}"
    ),
    Msg.DETAIL_CARRY_ONE_RATIO: (
        "{counties} reaching its line would carry the city over: {numerator} / "
        "{denominator}, {value}"
    ),
    Msg.DETAIL_CARRY_MANY_RATIO: (
        "{counties} reaching their lines would carry the city over: {numerator} / "
        "{denominator}, {value}"
    ),
    Msg.DETAIL_CARRY_NONE: "not even every county at its line would carry the city over",
    Msg.SCHEMA_COUNTY_TARGETS: (
        "A bureau's own line per county (目标分解, a 目标责任书), by official county name: the "
        "county is judged on it instead of the plan's line; any target but a between one"
    ),
    Msg.SCHEMA_STRENGTH_LINE: "binding (the default) fails when unmet; aspirational warns",
    Msg.COUNTY_LINE_OF: "{target} (county target)",
    Msg.INPUT_COUNTY_TARGETS: "county-targets file",
    Msg.COUNTY_TARGETS_COLUMNS: (
        "missing column(s) {columns}: a county-targets file has the columns county, indicator, "
        "threshold and, optionally, strength"
    ),
    Msg.COUNTY_TARGETS_TOO_MANY_ROWS: "more than {limit} lines, more than planctl reads",
    Msg.COUNTY_TARGETS_NOT_LIST: (
        "a county-targets file in YAML is a list of mappings with the keys county, indicator, "
        "threshold and, optionally, strength"
    ),
    Msg.COUNTY_TARGETS_STRENGTH: "'{text}' is no strength; write binding or aspirational",
    Msg.COUNTY_TARGETS_BETWEEN: (
        "{indicator} is held to a band (between): a county line takes one bound, so it cannot "
        "have one"
    ),
    Msg.COUNTY_TARGETS_RANGE: "{threshold} is outside the valid range of {indicator}",
    Msg.COUNTY_TARGETS_TWICE: "{county} has a line for {indicator} already, at line {first}",
    Msg.SCHEMA_TOLERANCE: (
        "For 基本 (basically): how far short of the threshold, in the target's unit, a value "
        "is still basically met (not failing, not warning); the plan gives no number for it"
    ),
    Msg.STATUS_BASICALLY_MET: "basically met",
    Msg.MARK_BASICALLY_MET: "basically",
    Msg.COUNTY_LINES_POOL_SHORT_RATIO: (
        "the county targets of {indicator} pool to {pooled}:1 with the counties' {year} "
        "numerators (each county's denominator at its line), short of the city target "
        "{target}: every county meeting its line would still leave the city short"
    ),
    Msg.COUNTY_LINES_POOL_SHORT: (
        "the county targets of {indicator} pool to {pooled}% with the counties' {year} "
        "denominators, short of the city target {target}: every county meeting its line would "
        "still leave the city short"
    ),
    Msg.SUPERSEDE_OLD_NOT_READ: (
        "this file is to be superseded, but it is not among the files checked"
    ),
    Msg.SUPERSEDE_NEW_NOT_READ: (
        "this file is to supersede another, but it is not among the files checked"
    ),
    Msg.SUPERSEDE_FORM: "write --supersede OLD=NEW, the file replaced and the corrected file",
    Msg.SUPERSEDED_LINE: "superseded: {old}, replaced by the corrected {new}, not read",
    Msg.HELP_SUPERSEDE: (
        "OLD=NEW: the corrected file NEW replaces OLD, which is not read; every report says so "
        "(repeatable)."
    ),
    Msg.DETAIL_PROGRESS: (
        "progress: {category} (growth {ratio} of the growth needed, by the Statistics "
        "Canada / Open SDG method); at this growth, {projected} in {year}"
    ),
    Msg.DETAIL_PROGRESS_MET: "progress: {category}",
    Msg.PROGRESS_ACHIEVED: "target achieved",
    Msg.PROGRESS_ON_TRACK: "on track",
    Msg.PROGRESS_ACCELERATION_NEEDED: "progress made, but acceleration needed",
    Msg.PROGRESS_LIMITED_PROGRESS: "limited progress",
    Msg.PROGRESS_MOVING_AWAY: "moving away from the target",
    Msg.POINT_OUTSIDE: ("{point} (baseline, not from the plan nor the submissions: {source})"),
    Msg.LINT_COUNTY_TARGETS_SHORT: (
        "the county targets add up to {total}, which does not meet the city target {target}"
    ),
    Msg.LINT_COUNTY_TARGETS_CANNOT_POOL: (
        "every county's line falls short of the city target {target} (the nearest is {best}): "
        "pooled, the city cannot meet it with every county at its line, whatever the "
        "denominators"
    ),
    Msg.HELP_COUNTY_TARGETS: (
        "A bureau's own line per county (目标分解): CSV, a workbook or YAML with county, "
        "indicator, threshold[, strength]; each county named is judged on its line."
    ),
    Msg.INPUT_RECORDS: "a records file",
    Msg.INPUT_RECORD_TABLE: "a record table",
    Msg.RECORDS_NOT_MAPPING: (
        "a records file is a mapping with schema_version, sources and measures"
    ),
    Msg.RECORDS_UNKNOWN_FIELD: "unknown field{hint}",
    Msg.RECORDS_SCHEMA: "{message}",
    Msg.RECORDS_NAME_FORM: "a name of lower-case letters, digits and _, starting with a letter",
    Msg.RECORDS_EMPTY: "must not be empty",
    Msg.RECORDS_COLUMN_NAME: (
        "the column name '{column}' holds a quote, a backslash or a control character"
    ),
    Msg.RECORDS_ENUM_VALUES: "an enum column needs the values it may take (values: [...])",
    Msg.RECORDS_VALUES_NOT_ENUM: "values are for enum columns; this column is {type}",
    Msg.RECORDS_BOUNDS_NOT_NUMBER: (
        "min and max are for integer and number columns; this column is {type}"
    ),
    Msg.RECORDS_COUNTY_NOT_TEXT: "the county column '{column}' must be a text or enum column",
    Msg.RECORDS_LABEL_PERSONAL: (
        "'{column}' is personal and is never shown, so it cannot label a record"
    ),
    Msg.RECORDS_UNKNOWN_COLUMN: "no column '{column}' in {source}{hint}",
    Msg.RECORDS_UNKNOWN_QUANTITY: (
        "no target counts this quantity (a numerator's or denominator's key, a count "
        "target's id, or a target's id and .numerator or .denominator){hint}"
    ),
    Msg.RECORDS_UNKNOWN_SOURCE: "no source '{source}' in sources{hint}",
    Msg.RECORDS_JOIN_ITSELF: "a measure cannot join its own table",
    Msg.RECORDS_NO_COUNTY: "{source} names no county column, nor does a table it joins",
    Msg.RECORDS_COUNT_COLUMN: (
        "count counts rows and takes no column; use count_distinct to count distinct values"
    ),
    Msg.RECORDS_AGGREGATE_COLUMN: "{aggregate} needs a column",
    Msg.RECORDS_SUM_NOT_NUMBER: (
        "cannot sum '{column}', a {type} column; sum an integer or number column"
    ),
    Msg.RECORDS_UNKNOWN_VALUE: "'{value}' is not a value of this column ({values}){hint}",
    Msg.RECORDS_VALUE_NOT_NUMBER: "'{value}' is not a whole number, and this column holds numbers",
    Msg.RECORDS_FILE_NO_SOURCE: (
        "matches no source's files ({patterns}); rename it or add a pattern to the records file"
    ),
    Msg.RECORDS_FILE_TWO_SOURCES: (
        "matches the files of more than one source ({sources}); make the patterns apart"
    ),
    Msg.RECORDS_NO_TABLES: "no record tables (.csv, .xlsx, .parquet) here",
    Msg.RECORDS_FOLDER_TOO_LARGE: (
        "more than {entries} entries in this folder; give the record tables' own folder"
    ),
    Msg.RECORDS_MIXED_FORMATS: (
        "{source} is in Parquet ({parquet}) and in CSV or workbooks; give one format per source"
    ),
    Msg.RECORDS_TOO_MANY_ROWS: (
        "more than {rows} rows, the most planctl checks in a CSV or workbook table; save the "
        "table as Parquet"
    ),
    Msg.RECORDS_STOPPED: "{count} problems; reading of this file stopped here",
    Msg.RECORDS_XLS: "a legacy .xls workbook; save it as .xlsx or CSV UTF-8",
    Msg.RECORDS_WORKBOOK: "cannot read the workbook ({reason})",
    Msg.RECORDS_WORKBOOK_EMPTY: "the workbook has no visible sheet",
    Msg.RECORDS_TABLE_EMPTY: "no header row: the table is empty",
    Msg.RECORDS_PERSONAL_HIDDEN: "the value (personal, not shown)",
    Msg.RECORDS_CELL_EMPTY: "empty, and the column is not optional",
    Msg.RECORDS_CELL_NOT_VALUE: "{text} is not one of {values}{hint}",
    Msg.RECORDS_CELL_NOT_NUMBER: "{text} is not a number",
    Msg.RECORDS_CELL_NOT_WHOLE: "{text} is not a whole number",
    Msg.RECORDS_CELL_BELOW: "{text} is below the column's least value, {bound}",
    Msg.RECORDS_CELL_ABOVE: "{text} is above the column's greatest value, {bound}",
    Msg.RECORDS_EXTRA_MISSING: (
        "not installed; install planctl's extra: pip install 'planctl[{extra}]'"
    ),
    Msg.RECORDS_ENGINE_FAILED: "the engine could not start: {reason}",
    Msg.RECORDS_TARGET_NO_TABLE: "{target} is not computed: no table of {sources} was given",
    Msg.RECORDS_TARGETS_NOT_MEASURED: (
        "no measures for these targets, which are left to the counties' submissions: {targets}"
    ),
    Msg.RECORDS_NOTHING_TO_COMPUTE: "no target can be computed from the tables given",
    Msg.RECORDS_JOIN_UNMATCHED: (
        "{rows} rows of {source} match no row of {joined}, so belong to no county; fix the "
        "identifiers"
    ),
    Msg.RECORDS_JOIN_UNMATCHED_ONE: (
        "{rows} row of {source} matches no row of {joined}, so belongs to no county; fix the "
        "identifiers"
    ),
    Msg.RECORDS_NO_DENOMINATOR: (
        "{county}: {target} is not computed: its denominator is 0 or has no rows"
    ),
    Msg.RECORDS_COMPUTED_HEADER: "Computed by planctl from record tables ({sources}).",
    Msg.RECORDS_NOTE: "{source} ({files}): {rows} rows",
    Msg.RECORDS_NOTE_ONE: "{source} ({files}): {rows} row",
    Msg.RECORDS_PARQUET_UNREADABLE: "cannot read the Parquet file: {reason}",
    Msg.RECORDS_PARQUET_TYPE: (
        "the column holds {type}, which does not fit its declared type, {declared}"
    ),
    Msg.RECORDS_PARQUET_ROWS: "row {row} (and {count} rows in all)",
    Msg.RECORDS_PARQUET_ROWS_ONE: "row {row}",
    Msg.RECORDS_PARQUET_PROBLEM: "{where}: {message}",
    Msg.RECORDS_DUCKDB_FAILED: "the query failed: {reason}",
    Msg.HELP_COMPUTE: (
        "Compute the counties' figures from record tables (census forms, registers) and "
        "write them as a submission."
    ),
    Msg.HELP_RECORDS_PATHS: "Record tables: CSV, .xlsx or Parquet files, or folders of them.",
    Msg.HELP_OUTPUT: "Write the submission to this file instead of standard output.",
    Msg.HELP_MEASURES: (
        "The records file (sources and measures); by default the one beside the targets file "
        "(2017-records.yaml)."
    ),
    Msg.HELP_ENGINE: "Where the measures run: {engines}.",
    Msg.HELP_MASTER: (
        "Spark's master URL (spark://…, yarn); local mode if not given (SPARK_REMOTE names a "
        "Spark Connect server)."
    ),
    Msg.HELP_EMIT_SQL: "Print the SQL of the measures and exit; read no tables.",
    Msg.HELP_DIALECT: "The SQL dialect of --emit-sql: {dialects}.",
    Msg.HELP_CHECK_RECORDS: (
        "The files are record tables: compute the figures from them, then check those."
    ),
    Msg.HELP_RECONCILE: (
        "Set the counties' submitted figures beside the figures computed from record tables."
    ),
    Msg.HELP_RECONCILE_SUBMISSIONS: "The counties' submissions: files or folders.",
    Msg.HELP_RECONCILE_RECORDS: (
        "Record tables to compute from (files or folders; may be given more than once)."
    ),
    Msg.RECONCILE_NEEDS_RECORDS: "give the record tables with --records",
    Msg.RECONCILE_TITLE: "Submitted and computed figures",
    Msg.RECONCILE_COUNTY: "County",
    Msg.RECONCILE_TARGET: "Target",
    Msg.RECONCILE_PART: "Figure",
    Msg.RECONCILE_SUBMITTED: "Submitted",
    Msg.RECONCILE_COMPUTED: "Computed",
    Msg.RECONCILE_DIFFERENCE: "Difference",
    Msg.RECONCILE_STATUS: "Status",
    Msg.RECONCILE_VALUE: "value",
    Msg.RECONCILE_NUMERATOR: "numerator",
    Msg.RECONCILE_DENOMINATOR: "denominator",
    Msg.RECONCILE_AGREE: "agree",
    Msg.RECONCILE_DIFFERS: "differs",
    Msg.RECONCILE_NOT_SUBMITTED: "not submitted",
    Msg.RECONCILE_NOT_COMPUTED: "not in the records",
    Msg.RECONCILE_SUMMARY: "{agree} agree, {differ} differ, {missing} on one side only",
    Msg.RECONCILE_BEHIND: (
        "{county}, {target}: {rate} computed, short of {line}; {count} records of {source} "
        "not counted in its numerator ({total} in all), largest first"
    ),
    Msg.RECONCILE_BEHIND_ONE: (
        "{county}, {target}: {rate} computed, short of {line}; {count} record of {source} not "
        "counted in its numerator ({total} in all)"
    ),
    Msg.RECONCILE_MORE: "… and {count} more records ({total} in all)",
    Msg.RECONCILE_MORE_ONE: "… and {count} more record ({total} in all)",
    Msg.RECONCILE_RECORD_VALUE: "Counted",
    Msg.RECONCILE_BEHIND_TITLE: "Records behind a shortfall",
    Msg.RECONCILE_NONE: "no figure to set beside another",
    Msg.NOTE_DIR_RECORDS: (
        "skipped: a folder of record tables (it holds {marker}), read by planctl compute, "
        "not a county's submission"
    ),
    Msg.COMPUTE_NEEDS_RECORDS: (
        "give the record tables: files or folders (or --emit-sql, which reads none)"
    ),
    Msg.RECORDS_COUNTY_SPELLINGS: (
        "{source} spells {county} more than one way ({spellings}), and a distinct count "
        "cannot be added across them; write one"
    ),
    Msg.RECORDS_SHEET_SKIPPED: (
        "sheet {sheet} is not read: a record table is the first visible sheet ({read}); "
        "move the rows there or save the sheet as a file of its own"
    ),
}
