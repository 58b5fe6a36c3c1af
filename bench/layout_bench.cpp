// Layout timings on real models, graphs fetched through `jitscope-cli serve` (no LibTorch here):
//   layout_bench CLI FILE.pt [--inlined]
// default view (root with single-call wrappers opened, as the widget opens it), expanding one module,
// expand all (cold cache) and, with --inlined, the flat inlined layout.
#include "navigation/expansion.h"
#include "layoutloader.h"

#include <chrono>
#include <cstdio>
#include <cstring>

using namespace jitscope;
using namespace jitscope::layout;
using namespace jitscope::navigation;

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Session
{
    Composer composer;
    ExpansionTree tree{composer};
    Session(const bench::ModelGraphs& model)
    {
        tree.graphs().params = std::make_shared<ParameterIndex>(model.info);
        for (const auto& [key, graph] : model.graphs)
            tree.graphs().graphs[key] = std::make_shared<const Graph>(graph);
        tree.reset(GraphRef::method("", "forward"));
    }
    SceneLayout compose()
    {
        return composer.compose(tree.graphs(), tree.root(), tree.expanded(), tree.raw);
    }
};

void report(const char* what, double seconds, const SceneLayout& scene)
{
    std::printf("  %-22s %9.3f s  %6d nodes  %4d dot runs  %4d cached\n", what, seconds, scene.nodeCount,
                scene.dotRuns, scene.cacheHits);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s JITSCOPE_CLI FILE.pt [--inlined]\n", argv[0]);
        return 2;
    }
    const bool inlined = argc > 3 && std::strcmp(argv[3], "--inlined") == 0;
    double t = now();
    const bench::ModelGraphs model = bench::loadModelGraphs(argv[1], argv[2], inlined);
    if (!model.error.empty()) {
        std::fprintf(stderr, "%s\n", model.error.c_str());
        return 1;
    }
    std::printf("%s: %zu graphs fetched in %.1f s\n", argv[2], model.graphs.size(), now() - t);

    Session session(model);
    // Default view: open single-call wrappers like the widget does.
    for (auto frontier = session.tree.frontier();
         frontier.size() == 1 && session.tree.visibleNodeCount() <= 3; frontier = session.tree.frontier())
        session.tree.expanded().insert(frontier[0].child);
    t = now();
    SceneLayout scene = session.compose();
    report("default view", now() - t, scene);

    auto frontier = session.tree.frontier();
    if (!frontier.empty()) {
        // The biggest module of the first level, the worst case for one expand.
        CallRef biggest = frontier[0];
        for (const CallRef& call : frontier)
            if (session.tree.expansionGain(call) > session.tree.expansionGain(biggest))
                biggest = call;
        session.tree.expanded().insert(biggest.child);
        t = now();
        scene = session.compose();
        report(("expand " + biggest.modulePath).c_str(), now() - t, scene);
    }

    Session cold(model);
    cold.tree.expandToDepth(-1);
    t = now();
    scene = cold.compose();
    report("expand all (cold)", now() - t, scene);
    t = now();
    scene = cold.compose();
    report("expand all (cached)", now() - t, scene);

    if (inlined && model.inlined) {
        t = now();
        scene = cold.composer.composeFlat(std::make_shared<const Graph>(*model.inlined),
                                          cold.tree.graphs().params.get(), false);
        report("inlined flat", now() - t, scene);
    }
    return 0;
}
