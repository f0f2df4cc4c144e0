// Debian's libxml2 is built with ICU; its headers would then pull in the system ICU headers, which
// clash with the ICU copy inside Foundation. nianbao never touches the encoding handler structs that
// depend on it, so the ICU part of the headers is switched off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
