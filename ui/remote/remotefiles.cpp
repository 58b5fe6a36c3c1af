#include "remotefiles.h"

#include "workerclient.h"

namespace jitscope::ui {

namespace {
// Sends a typed request; the (small) answer is decoded on the UI thread, a malformed one becomes an error.
template<class Request, class Result>
int send(WorkerClient* worker, const Request& request, std::function<void(const Result&)> done,
         RemoteFiles::ErrorFn failed)
{
    return worker->request(QString::fromLatin1(protocol::methodOf<Request>()), protocol::Payload::of(request),
                           {[done = std::move(done), failed](protocol::Payload answer) {
                                Result result;
                                try {
                                    result = answer.json.get<Result>();
                                } catch (const std::exception& e) {
                                    if (failed)
                                        failed({ErrorCode::Internal,
                                                std::string("Cannot read the worker's answer to ") +
                                                    protocol::methodOf<Request>() + ".",
                                                e.what(),
                                                {}});
                                    return;
                                }
                                if (done)
                                    done(result);
                            },
                            failed,
                            {}});
}
} // namespace

int RemoteFiles::listDir(const protocol::ListDirRequest& request,
                         std::function<void(const protocol::ListDirResult&)> done, ErrorFn failed)
{
    return send(m_worker, request, std::move(done), std::move(failed));
}

int RemoteFiles::stat(const QString& path, std::function<void(const protocol::StatResult&)> done,
                      ErrorFn failed)
{
    return send(m_worker, protocol::StatRequest{path.toStdString()}, std::move(done), std::move(failed));
}

int RemoteFiles::upload(const protocol::UploadRequest& request,
                        std::function<void(const protocol::UploadResult&)> done, ErrorFn failed)
{
    return send(m_worker, request, std::move(done), std::move(failed));
}

int RemoteFiles::download(const protocol::DownloadRequest& request,
                          std::function<void(const protocol::DownloadResult&)> done, ErrorFn failed)
{
    return send(m_worker, request, std::move(done), std::move(failed));
}

} // namespace jitscope::ui
