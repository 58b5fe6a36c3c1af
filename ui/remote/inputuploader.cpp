#include "inputuploader.h"

#include "format.h"
#include "uploader.h"

#include <QDateTime>
#include <QFileInfo>

#include <functional>

namespace jitscope::ui {

namespace {

// "file:/data/x.pt" → "/data/x.pt"; "image:/data/cat.png:224:imagenet" → "/data/cat.png". Paths are
// absolute in what the Run panel sends; a path with ':' in it is taken up to the first one.
QString pathOfSpec(const QString& spec, QString* prefix, QString* rest)
{
    for (const QString& kind : {QStringLiteral("file:"), QStringLiteral("image:")}) {
        if (!spec.startsWith(kind))
            continue;
        const QString tail = spec.mid(kind.size());
        const int colon = kind == QLatin1String("image:") ? tail.indexOf(QLatin1Char(':')) : -1;
        *prefix = kind;
        *rest = colon < 0 ? QString() : tail.mid(colon);
        return colon < 0 ? tail : tail.left(colon);
    }
    return {};
}

void walk(Json& value, const std::function<void(Json&)>& visit)
{
    if (value.is_string())
        visit(value);
    else if (value.is_array() || value.is_object())
        for (Json& child : value)
            walk(child, visit);
}

bool isLocalFile(const QString& path)
{
    return !path.isEmpty() && QFileInfo(path).isAbsolute() && QFileInfo(path).isFile();
}

} // namespace

InputUploader::InputUploader(WorkerClient* worker, QObject* parent) : QObject(parent), m_worker(worker)
{
    connect(worker, &WorkerClient::ready, this, [this] { m_sent.clear(); }); // a new worker, a new temp dir
}

QStringList InputUploader::localFiles(const protocol::Payload& params)
{
    QStringList files;
    Json copy = params.json;
    for (const char* key : {"inputs", "named"}) {
        if (!copy.contains(key))
            continue;
        walk(copy[key], [&files](Json& value) {
            QString prefix, rest;
            const QString path = pathOfSpec(qs(value.get<std::string>()), &prefix, &rest);
            if (isLocalFile(path) && !files.contains(path))
                files << path;
        });
    }
    if (copy.contains("inputs_file") && copy["inputs_file"].is_string()) {
        const QString path = qs(copy["inputs_file"].get<std::string>());
        if (isLocalFile(path) && !files.contains(path))
            files << path;
    }
    return files;
}

protocol::Payload InputUploader::rewrite(protocol::Payload payload, const QHash<QString, QString>& remoteOf)
{
    Json& params = payload.json;
    for (const char* key : {"inputs", "named"}) {
        if (!params.contains(key))
            continue;
        walk(params[key], [&remoteOf](Json& value) {
            QString prefix, rest;
            const QString path = pathOfSpec(qs(value.get<std::string>()), &prefix, &rest);
            if (remoteOf.contains(path))
                value = (prefix + remoteOf.value(path) + rest).toStdString();
        });
    }
    if (params.contains("inputs_file") && params["inputs_file"].is_string()) {
        const QString path = qs(params["inputs_file"].get<std::string>());
        if (remoteOf.contains(path))
            params["inputs_file"] = remoteOf.value(path).toStdString();
    }
    return payload;
}

QString InputUploader::cacheKey(const QString& localPath) const
{
    const QFileInfo info(localPath);
    return QStringLiteral("%1|%2|%3")
        .arg(localPath)
        .arg(info.size())
        .arg(info.lastModified().toMSecsSinceEpoch());
}

int InputUploader::request(const QString& method, const protocol::Payload& params,
                           WorkerClient::Callbacks callbacks)
{
    const QStringList files = m_worker->isRemote() ? localFiles(params) : QStringList();
    if (files.isEmpty())
        return m_worker->request(method, params, std::move(callbacks));
    auto job = std::make_shared<Job>();
    job->id = m_worker->reserveId();
    job->method = method;
    job->params = params;
    job->callbacks = std::move(callbacks);
    job->files = files;
    m_jobs.insert(job->id, job);
    next(job);
    return job->id;
}

void InputUploader::cancel(int id)
{
    if (auto job = m_jobs.value(id)) {
        job->cancelled = true;
        return;
    }
    m_worker->cancel(id);
}

void InputUploader::next(std::shared_ptr<Job> job)
{
    auto finish = [this, job](const Error* error) {
        m_jobs.remove(job->id);
        if (error) {
            if (job->callbacks.onError)
                job->callbacks.onError(*error);
            return;
        }
        QHash<QString, QString> remoteOf;
        for (const QString& file : std::as_const(job->files))
            remoteOf.insert(file, m_sent.value(cacheKey(file)));
        m_worker->sendReserved(job->id, job->method, rewrite(job->params, remoteOf),
                               std::move(job->callbacks));
    };
    if (job->cancelled) {
        const Error cancelled{
            ErrorCode::Cancelled, "Cancelled while its input files were being sent.", {}, {}};
        finish(&cancelled);
        return;
    }
    for (const QString& file : std::as_const(job->files)) {
        if (m_sent.contains(cacheKey(file)))
            continue;
        auto* uploader = new Uploader(m_worker, this);
        connect(uploader, &Uploader::finished, this, [this, job, file, uploader](const QString& remote) {
            uploader->deleteLater();
            m_sent.insert(cacheKey(file), remote);
            next(job);
        });
        connect(uploader, &Uploader::failed, this, [job, file, uploader, finish](const QString& message) {
            uploader->deleteLater();
            const Error error{
                ErrorCode::BadInput,
                QStringLiteral("Could not send %1 to the worker: %2").arg(file, message).toStdString(),
                {},
                {}};
            finish(&error);
        });
        uploader->start(file);
        return; // one file at a time; next() goes on when it arrived
    }
    finish(nullptr);
}

} // namespace jitscope::ui
