#pragma once
#include <string>

namespace prov::report {

// Prints an HTML page to PDF with headless Chromium (its print-to-PDF, using
// the page's print stylesheet) and returns the PDF's bytes. The browser is
// $PROVENANCE_CHROMIUM, else the first of chromium, chromium-browser and
// google-chrome on the PATH. Runs with a fresh profile in a temporary folder
// and never reads the network (the page is self-contained). Throws
// InputError when no browser is found or printing fails.
std::string print_html_to_pdf(const std::string& html, int timeout_s = 120);

}  // namespace prov::report
