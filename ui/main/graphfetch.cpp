#include "graphfetch.h"

#include "graph/graphstore.h"
#include "protocol/model.h"

#include <QPointer>

namespace jitscope::ui {

void fetchGraphInto(WorkerSession& session, int handle, const GraphRef& ref, GraphStore* store,
                    quint64 generation, WorkerSession::ErrorFn failed)
{
    QPointer<GraphStore> target(store);
    session.request(
        protocol::GraphRequest::of(handle, ref),
        [target, generation](protocol::GraphResult result) {
            if (target)
                target->deliver(generation, result.ref,
                                std::make_shared<const Graph>(std::move(result.graph)));
        },
        [target, generation, ref, failed = std::move(failed)](const Error& error) {
            if (!target)
                return;
            target->fail(generation, ref, error);
            if (failed)
                failed(error);
        });
}

} // namespace jitscope::ui
