/** The namespace names the reader knows elements and attributes by (ECMA-376 Part 1 and ISO/IEC 29500 Strict). */

/** The SpreadsheetML main namespace, Transitional. */
export const SML_TRANSITIONAL = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/** The SpreadsheetML main namespace, Strict. */
export const SML_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main";
/** The namespace of `r:id` attributes, Transitional. */
export const OFFICE_REL_TRANSITIONAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/** The namespace of `r:id` attributes, Strict. */
export const OFFICE_REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships";
/** The namespace of `.rels` parts. */
export const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
