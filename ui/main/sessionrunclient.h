// The Run panel's requests over the window's WorkerSession (built only with ui/run).
#pragma once

#include "runclient.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <functional>

namespace jitscope::ui {

class InputUploader;
class WorkerSession;

// Run and bench go through the InputUploader: on a remote worker, input files of this machine are sent to
// it first (ui/remote); otherwise, and for the other requests, straight to the session. A child of the
// panel, so it lives as long.
class SessionRunClient : public QObject, public RunClient
{
public:
    // Brings a file the remote worker wrote here: RemoteWorkers::download.
    using Fetch = std::function<void(const QString& remotePath, const QString& localPath,
                                     std::function<void()>, std::function<void(const QString&)>)>;

    SessionRunClient(WorkerSession* session, InputUploader* inputs, Fetch fetch, QObject* parent);

    int devices(DoneFn<protocol::DevicesRequest> done, ErrorFn fail) override;
    int arguments(const protocol::ArgumentsRequest& request, DoneFn<protocol::ArgumentsRequest> done,
                  ErrorFn fail) override;
    int run(const protocol::RunRequest& request, DoneFn<protocol::RunRequest> done, ErrorFn fail) override;
    int saveOutputs(const protocol::SaveOutputsRequest& request, DoneFn<protocol::SaveOutputsRequest> done,
                    ErrorFn fail) override;
    int bench(const protocol::BenchRequest& request, DoneFn<protocol::BenchRequest> done,
              ErrorFn fail) override;
    void cancel(int id) override;

private:
    template<class R> int send(const R& request, DoneFn<R> done, ErrorFn fail);

    WorkerSession* m_session;
    InputUploader* m_inputs;
    Fetch m_fetch;
    QSet<int> m_uploading; // ids the uploader holds until the files are there
};

} // namespace jitscope::ui
