// QScintilla for a QT_NO_KEYWORDS build: its headers still say `signals:` and `public slots:`.
#pragma once

#ifndef signals
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define JITSCOPE_QSCI_KEYWORDS
#endif
#include <Qsci/qscilexerpython.h>
#include <Qsci/qsciscintilla.h>
#ifdef JITSCOPE_QSCI_KEYWORDS
#undef signals
#undef slots
#undef JITSCOPE_QSCI_KEYWORDS
#endif
