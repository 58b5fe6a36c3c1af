// The Run panel's argument editors with the real worker (jitscope-cli serve) and the fixtures: an editor
// that fits each argument type, editors set by hand reproducing PyTorch's outputs, spec text and editors
// following each other, dicts sent in their order, remembered inputs, images decoded by Qt as the worker
// decodes them, and screenshots.
#include "argumentrow.h"
#include "dicteditor.h"
#include "listeditor.h"
#include "runpanel.h"
#include "tensoreditor.h"
#include "tupleeditor.h"
#include "testsupport.h"
#include "worker.h"

#include <gtest/gtest.h>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

#include <cmath>

using namespace jitscope;
using namespace jitscope::ui;

namespace {

// A RunPanel whose RunClient is a live worker. Requests are answered synchronously by the worker and
// delivered on the next event loop turn, as the GUI's WorkerSession delivers them.
struct LivePanel : RunClient
{
    test::Worker worker;
    RunPanel panel;
    int handle = -1;
    int nextId = 0;
    Json lastRunParams, lastRunResult;

    template<class R> int send(const R& request, DoneFn<R> ok, ErrorFn fail)
    {
        const std::string method = protocol::methodOf<R>();
        const Json params = request;
        Json response = worker.request(method, params);
        if (method == "run") {
            lastRunParams = params;
            lastRunResult = response.value("result", Json());
        }
        QTimer::singleShot(0, &panel, [response, ok, fail] {
            if (response.contains("result"))
                ok(response["result"].get<typename R::Result>());
            else
                fail(response["error"].get<Error>());
        });
        return ++nextId;
    }
    int devices(DoneFn<protocol::DevicesRequest> ok, ErrorFn fail) override
    {
        return send(protocol::DevicesRequest{}, std::move(ok), std::move(fail));
    }
    int arguments(const protocol::ArgumentsRequest& r, DoneFn<protocol::ArgumentsRequest> ok,
                  ErrorFn fail) override
    {
        return send(r, std::move(ok), std::move(fail));
    }
    int run(const protocol::RunRequest& r, DoneFn<protocol::RunRequest> ok, ErrorFn fail) override
    {
        return send(r, std::move(ok), std::move(fail));
    }
    int saveOutputs(const protocol::SaveOutputsRequest& r, DoneFn<protocol::SaveOutputsRequest> ok,
                    ErrorFn fail) override
    {
        return send(r, std::move(ok), std::move(fail));
    }
    int bench(const protocol::BenchRequest& r, DoneFn<protocol::BenchRequest> ok, ErrorFn fail) override
    {
        return send(r, std::move(ok), std::move(fail));
    }
    void cancel(int) override {}

    explicit LivePanel(const std::string& fixture, const QString& hash = {})
    {
        panel.setClient(this);
        handle = worker.open(test::fixturePath(fixture + ".pt"));
        setModel(hash.isEmpty() ? QString::fromStdString("live-" + fixture) : hash);
    }
    void setModel(const QString& hash)
    {
        const auto before = panel.findChildren<ArgumentRow*>();
        QPointer<ArgumentRow> old = before.isEmpty() ? nullptr : before.front();
        panel.setModel(handle, QStringLiteral("/fixtures/m.pt"), hash, {QStringLiteral("forward")});
        EXPECT_TRUE(QTest::qWaitFor(
            [&] { return old.isNull() && !panel.findChildren<ArgumentRow*>().isEmpty(); }, 30000));
    }
    ValueEditor* editor(const char* argument) const
    {
        ArgumentRow* row = panel.argumentRow(QString::fromLatin1(argument));
        return row ? row->editor() : nullptr;
    }
    QString text(const char* argument) const { return panel.inputText(QString::fromLatin1(argument)); }
    // Runs and waits for the outputs; false (after a test failure) when the run failed.
    bool run()
    {
        lastRunResult = Json();
        panel.run();
        const bool done = QTest::qWaitFor([this] { return !panel.isBusy(); }, 60000);
        EXPECT_TRUE(done && lastRunResult.is_object()) << panel.statusText().toStdString();
        return done && lastRunResult.is_object();
    }
};

template<class T> T* child(QWidget* parent, const char* name)
{
    T* widget = parent ? parent->findChild<T*>(QString::fromLatin1(name)) : nullptr;
    EXPECT_TRUE(widget) << name;
    return widget;
}

void type(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

// What a user does in a tensor editor: a source, then the fields it shows.
struct TensorInput
{
    const char* source;
    const char* shape = nullptr;
    int seed = -1;
    double fill = 0;
    int low = 0, high = 0;
};

void setTensor(ValueEditor* editor, const TensorInput& in)
{
    ASSERT_TRUE(editor);
    ASSERT_EQ(editor->kind(), QStringLiteral("tensor"));
    auto* source = child<QComboBox>(editor, "source");
    source->setCurrentIndex(source->findData(QString::fromLatin1(in.source)));
    if (in.shape)
        type(child<QLineEdit>(editor, "shape"), QString::fromLatin1(in.shape));
    if (QString::fromLatin1(in.source) == QStringLiteral("full"))
        child<QDoubleSpinBox>(editor, "fill")->setValue(in.fill);
    if (QString::fromLatin1(in.source) == QStringLiteral("randint")) {
        child<QSpinBox>(editor, "low")->setValue(in.low);
        child<QSpinBox>(editor, "high")->setValue(in.high);
    }
    child<QSpinBox>(editor, "seed")->setValue(in.seed);
}

void expectOutputsMatch(const Json& got, const Json& want, const std::string& label)
{
    ASSERT_EQ(got.size(), want.size()) << label << ": " << got.dump();
    for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(got[i]["shape"], want[i]["shape"]) << label << " output " << i;
        for (const char* key : {"sum", "min", "max", "mean"}) {
            const double g = got[i][key].get<double>(), w = want[i][key].get<double>();
            EXPECT_LE(std::abs(g - w), 1e-4 * std::max(1.0, std::abs(w)))
                << label << " output " << i << " " << key << ": got " << g << ", want " << w;
        }
    }
}

void screenshot(QWidget& widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("JITSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(50); // layouts settle in the event loop
    widget.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

QString kindOf(const LivePanel& p, const char* argument)
{
    ValueEditor* e = p.editor(argument);
    return e ? e->kind() : QString();
}

} // namespace

TEST(RunPanelEditors, OneEditorPerArgumentType)
{
    LivePanel p("typed_args");
    const std::pair<const char*, const char*> kinds[] = {
        {"x", "tensor"},    {"mask", "tensor"}, {"ys", "list"},  {"named", "dict"}, {"n", "int"},
        {"scale", "float"}, {"flag", "bool"},   {"mode", "str"}, {"pair", "tuple"}, {"bias", "float"}};
    for (const auto& [argument, kind] : kinds)
        EXPECT_EQ(kindOf(p, argument), QString::fromLatin1(kind)) << argument;
    // Optional[Tensor] offers None and starts there (no default in the schema); Tensor does not
    EXPECT_LT(child<QComboBox>(p.editor("x"), "source")->findData(QStringLiteral("none")), 0);
    EXPECT_EQ(child<QComboBox>(p.editor("mask"), "source")->currentData(), QStringLiteral("none"));
    EXPECT_EQ(p.text("mask"), QStringLiteral("none"));
    EXPECT_EQ(p.text("x"), QStringLiteral("randn:1x3x224x224"));
    // bias = 0.25 in the schema: the default box is checked and nothing is sent for it
    EXPECT_TRUE(p.panel.argumentRow(QStringLiteral("bias"))->usesDefault());
    EXPECT_TRUE(p.text("bias").isEmpty());
    EXPECT_FALSE(p.editor("bias")->isEnabled());
    auto* pair = static_cast<TupleEditor*>(p.editor("pair"));
    ASSERT_EQ(pair->count(), 2);
    EXPECT_EQ(pair->item(0)->kind(), QStringLiteral("tensor"));
    EXPECT_EQ(pair->item(1)->kind(), QStringLiteral("int"));

    LivePanel d("dict_list_inputs");
    EXPECT_EQ(kindOf(d, "x"), QStringLiteral("dict"));
    EXPECT_EQ(static_cast<DictEditor*>(d.editor("x"))->item(0)->kind(), QStringLiteral("tensor"));
    EXPECT_EQ(kindOf(d, "ys"), QStringLiteral("list"));
    EXPECT_EQ(kindOf(d, "z"), QStringLiteral("tensor"));
    EXPECT_TRUE(d.panel.argumentRow(QStringLiteral("z"))->usesDefault());
    d.panel.resize(1000, 560);
    d.panel.show();
    screenshot(d.panel, QStringLiteral("run_editors_dict_list_inputs"));
}

TEST(RunPanelEditors, EditorsSetByHandReproducePyTorch)
{
    const Json exp = test::expectation("typed_args");
    LivePanel p("typed_args");
    setTensor(p.editor("x"), {"randn", "2x4", 3});
    setTensor(p.editor("mask"), {"arange", "3"});
    auto* ys = static_cast<ListEditor*>(p.editor("ys"));
    ASSERT_EQ(ys->count(), 1);
    setTensor(ys->item(0), {"full", "2x2", -1, 0.5});
    child<QPushButton>(ys, "add")->click();
    ASSERT_EQ(ys->count(), 2);
    setTensor(ys->item(1), {"randint", "2x2", 4, 0, 0, 10});
    // the dict in the order b, a, c: the model's second output depends on it
    auto* named = static_cast<DictEditor*>(p.editor("named"));
    const std::pair<const char*, TensorInput> entries[] = {
        {"b", {"arange", "3"}}, {"a", {"full", "2", -1, 10}}, {"c", {"ones", "1"}}};
    for (int i = 0; i < 3; ++i) {
        if (i > 0)
            child<QPushButton>(named, "add")->click();
        type(named->key(i), QString::fromLatin1(entries[i].first));
        setTensor(named->item(i), entries[i].second);
    }
    child<QSpinBox>(p.editor("n"), "int")->setValue(3);
    child<QDoubleSpinBox>(p.editor("scale"), "float")->setValue(0.5);
    child<QCheckBox>(p.editor("flag"), "bool")->setChecked(true);
    type(child<QLineEdit>(p.editor("mode"), "str"), QStringLiteral("sum"));
    auto* pair = static_cast<TupleEditor*>(p.editor("pair"));
    setTensor(pair->item(0), {"randn", "4", 2});
    child<QSpinBox>(pair->item(1), "int")->setValue(2);

    // − removes its own row: a row added and then removed leaves the values as they were
    auto removeRow = [](ValueEditor* item) {
        item->parentWidget()
            ->findChild<QToolButton*>(QStringLiteral("remove"), Qt::FindDirectChildrenOnly)
            ->click();
    };
    child<QPushButton>(ys, "add")->click();
    ASSERT_EQ(ys->count(), 3);
    removeRow(ys->item(1));
    ASSERT_EQ(ys->count(), 2);
    setTensor(ys->item(1), {"randint", "2x2", 4, 0, 0, 10});
    child<QPushButton>(named, "add")->click();
    ASSERT_EQ(named->count(), 4);
    removeRow(named->item(3));
    ASSERT_EQ(named->count(), 3);

    // the editors wrote the specs of the fixture's run (tests/fixtures/make_fixtures.py TYPED_ARGS_SPECS)
    EXPECT_EQ(p.text("x"), QStringLiteral("randn:2x4:seed=3"));
    EXPECT_EQ(p.text("mask"), QStringLiteral("arange:3"));
    EXPECT_EQ(p.text("ys"), QStringLiteral(R"(json:["full:0.5:2x2","randint:0:10:2x2:seed=4"])"));
    EXPECT_EQ(p.text("named"), QStringLiteral(R"(json:{"b":"arange:3","a":"full:10:2","c":"ones:1"})"));
    EXPECT_EQ(p.text("n"), QStringLiteral("3"));
    EXPECT_EQ(p.text("scale"), QStringLiteral("0.5"));
    EXPECT_EQ(p.text("flag"), QStringLiteral("true"));
    EXPECT_EQ(p.text("mode"), QStringLiteral("str:sum"));
    EXPECT_EQ(p.text("pair"), QStringLiteral(R"(json:["randn:4:seed=2",2])"));
    EXPECT_TRUE(p.text("bias").isEmpty());

    p.panel.resize(1100, 720);
    p.panel.show();
    screenshot(p.panel, QStringLiteral("run_editors_typed_args"));
    if (auto* scroll = p.panel.findChild<QScrollArea*>())
        screenshot(*scroll->widget(), QStringLiteral("run_editors_typed_args_all_rows"));
    ASSERT_TRUE(p.run());
    EXPECT_EQ(p.lastRunParams["inputs"][3], exp["run_specs"][3]); // the dict as ordered pairs
    EXPECT_EQ(p.lastRunParams["inputs"].size(), 9u);              // bias: the schema's default
    expectOutputsMatch(p.lastRunResult["outputs"], exp["run"]["outputs"], "typed_args by hand");
    EXPECT_EQ(p.panel.outputsTree()->topLevelItem(0)->childCount(), 2);
    screenshot(p.panel, QStringLiteral("run_editors_typed_args_outputs"));
}

TEST(RunPanelEditors, SpecTextAndEditorsFollowEachOtherAndAreRemembered)
{
    const Json exp = test::expectation("typed_args");
    LivePanel p("typed_args", QStringLiteral("remember-typed-args"));
    // the fixture's second run, typed as spec text (TYPED_ARGS_SPECS_2)
    const std::pair<const char*, const char*> specs[] = {
        {"x", "rand:2x4:seed=8"},
        {"mask", "none"},
        {"ys", "json:[]"},
        {"named", R"(json:{"c": "ones:1", "a": "full:10:2", "b": "arange:3"})"},
        {"n", "1"},
        {"scale", "2.0"},
        {"flag", "false"},
        {"mode", "str:mean"},
        {"pair", R"(json:["rand:4:seed=9", -1])"},
        {"bias", "1.5"}};
    for (const auto& [argument, text] : specs)
        p.panel.setInputText(QString::fromLatin1(argument), QString::fromLatin1(text));
    EXPECT_EQ(child<QComboBox>(p.editor("x"), "source")->currentData(), QStringLiteral("rand"));
    EXPECT_EQ(child<QLineEdit>(p.editor("x"), "shape")->text(), QStringLiteral("2x4"));
    EXPECT_EQ(child<QSpinBox>(p.editor("x"), "seed")->value(), 8);
    EXPECT_EQ(child<QComboBox>(p.editor("mask"), "source")->currentData(), QStringLiteral("none"));
    EXPECT_EQ(static_cast<ListEditor*>(p.editor("ys"))->count(), 0);
    auto* named = static_cast<DictEditor*>(p.editor("named"));
    ASSERT_EQ(named->count(), 3);
    EXPECT_EQ(named->key(0)->text(), QStringLiteral("c"));
    EXPECT_EQ(named->key(2)->text(), QStringLiteral("b"));
    EXPECT_FALSE(child<QCheckBox>(p.editor("flag"), "bool")->isChecked());
    EXPECT_EQ(child<QLineEdit>(p.editor("mode"), "str")->text(), QStringLiteral("mean"));
    EXPECT_FALSE(p.panel.argumentRow(QStringLiteral("bias"))->usesDefault());
    EXPECT_EQ(child<QDoubleSpinBox>(p.editor("bias"), "float")->value(), 1.5);
    ASSERT_TRUE(p.run());
    expectOutputsMatch(p.lastRunResult["outputs"], exp["extra_runs"][0]["outputs"], "typed_args from specs");

    // a spec the editor cannot show (a seed wider than its spin box) is sent as typed, and says so
    p.panel.show();
    ArgumentRow* x = p.panel.argumentRow(QStringLiteral("x"));
    auto* note = child<QLabel>(x, "note");
    auto* spec = child<QLineEdit>(x, "input_x");
    EXPECT_FALSE(note->isVisible());
    EXPECT_FALSE(spec->isVisible()); // the spec line shows on request only
    p.panel.setInputText(QStringLiteral("x"), QStringLiteral("randn:2x4:seed=99999999999"));
    EXPECT_TRUE(note->isVisible());
    EXPECT_TRUE(spec->isVisible());
    child<QToolButton>(&p.panel, "specToggle")->setChecked(true);
    screenshot(p.panel, QStringLiteral("run_editors_spec_text"));
    p.panel.setInputText(QStringLiteral("x"), QStringLiteral("rand:2x4:seed=8"));
    EXPECT_FALSE(note->isVisible());
    EXPECT_TRUE(spec->isVisible());

    // the inputs of the run come back for the same model (content hash), editors included
    p.setModel(QStringLiteral("remember-typed-args"));
    EXPECT_EQ(p.text("named"), QStringLiteral(R"(json:{"c": "ones:1", "a": "full:10:2", "b": "arange:3"})"));
    named = static_cast<DictEditor*>(p.editor("named"));
    ASSERT_EQ(named->count(), 3);
    EXPECT_EQ(named->key(0)->text(), QStringLiteral("c"));
    EXPECT_EQ(p.text("bias"), QStringLiteral("1.5"));
    EXPECT_EQ(child<QComboBox>(p.editor("mask"), "source")->currentData(), QStringLiteral("none"));
}

TEST(RunPanelEditors, ImagesDecodedByQtMatchTheWorkersImageSpec)
{
    // a 7x5 image with distinct pixels; tiny_linear is Linear(3, 2), so 1x3xHx3 images go through it
    QImage image(7, 5, QImage::Format_RGB888);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixelColor(x, y, QColor(30 * x, 40 * y, 255 - 20 * x - 10 * y));
    const QString path = QDir::tempPath() + QStringLiteral("/jitscope-editor-image.png");
    ASSERT_TRUE(image.save(path));

    LivePanel p("tiny_linear");
    ValueEditor* editor = p.editor("input");
    auto* source = child<QComboBox>(editor, "source");
    source->setCurrentIndex(source->findData(QStringLiteral("image")));
    type(child<QLineEdit>(editor, "path"), path);
    type(child<QLineEdit>(editor, "size"), QStringLiteral("4x3"));
    child<QComboBox>(editor, "normalise")->setCurrentIndex(1);
    EXPECT_EQ(p.text("input"), QStringLiteral("image:%1:4x3:imagenet").arg(path));
    ASSERT_TRUE(p.run());
    EXPECT_TRUE(p.lastRunParams["inputs"][0].get<std::string>().rfind("file:", 0) == 0); // decoded here
    EXPECT_EQ(p.lastRunResult["outputs"][0]["shape"], Json::array({1, 3, 4, 2}));

    // the worker decodes the same spec with torchvision's image library and resizes with LibTorch
    Json response = p.worker.request(
        "run", {{"handle", p.handle}, {"inputs", Json::array({p.text("input").toStdString()})}});
    ASSERT_TRUE(response.contains("result")) << response.dump();
    expectOutputsMatch(p.lastRunResult["outputs"], response["result"]["outputs"], "Qt vs torchvision");
}
