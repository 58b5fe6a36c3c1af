// Run and bench on a remote worker with inputs from files on this machine: the `file:`/`image:` specs and
// `inputs_file` that name local files are sent to the worker first (upload), then the request goes out
// with the worker's paths, under an id reserved at once so the Run panel can match samples and cancel.
#pragma once

#include "workerclient.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace jitscope::ui {

class InputUploader : public QObject
{
    Q_OBJECT
public:
    explicit InputUploader(WorkerClient* worker, QObject* parent = nullptr);

    // Sends the request now when it names no local file, else after uploading them; returns its id.
    int request(const QString& method, const protocol::Payload& params, WorkerClient::Callbacks callbacks);
    void cancel(int id); // also before the request went out

    // The local files a run/bench request names (specs and inputs_file), in order, without repeats.
    static QStringList localFiles(const protocol::Payload& params);
    // The same params with each local path replaced by its remote copy.
    static protocol::Payload rewrite(protocol::Payload params, const QHash<QString, QString>& remoteOf);

private:
    struct Job
    {
        int id = 0;
        QString method;
        protocol::Payload params;
        WorkerClient::Callbacks callbacks;
        QStringList files;
        bool cancelled = false;
    };
    void next(std::shared_ptr<Job> job);
    QString cacheKey(const QString& localPath) const;

    WorkerClient* m_worker;
    QHash<QString, QString> m_sent; // cacheKey → path on the worker (for this worker process)
    QSet<int> m_preparing;
    QHash<int, std::shared_ptr<Job>> m_jobs;
};

} // namespace jitscope::ui
