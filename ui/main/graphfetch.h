// The one way a GraphStore's fetcher asks a worker for a graph (the main window's store and each side of the
// compare window): a `graph` request per GraphRef on the model open as `handle`, the answer delivered to the
// store with the generation it asked under, a refusal failed to it.
#pragma once

#include "types/graphref.h"
#include "workersession.h"

#include <QtGlobal>

namespace jitscope::ui {

class GraphStore;

// Nothing is delivered to a store destroyed meanwhile; `failed`, when given, hears of a refusal after the
// store (the view waiting for that graph has been told first).
void fetchGraphInto(WorkerSession& session, int handle, const GraphRef& ref, GraphStore* store,
                    quint64 generation, WorkerSession::ErrorFn failed = {});

} // namespace jitscope::ui
