// The C library's file-tree walk (fts), which reports unreadable folders, link loops and dangling links.
#include <fts.h>
