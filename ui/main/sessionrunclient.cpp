#include "sessionrunclient.h"

#include "inputuploader.h"
#include "qtstring.h"
#include "workersession.h"

namespace jitscope::ui {

SessionRunClient::SessionRunClient(WorkerSession* session, InputUploader* inputs, Fetch fetch,
                                   QObject* parent)
    : QObject(parent), m_session(session), m_inputs(inputs), m_fetch(std::move(fetch))
{}

int SessionRunClient::devices(DoneFn<protocol::DevicesRequest> done, ErrorFn fail)
{
    return m_session->request(protocol::DevicesRequest{}, std::move(done), std::move(fail));
}

int SessionRunClient::arguments(const protocol::ArgumentsRequest& request,
                                DoneFn<protocol::ArgumentsRequest> done, ErrorFn fail)
{
    return m_session->request(request, std::move(done), std::move(fail));
}

int SessionRunClient::run(const protocol::RunRequest& request, DoneFn<protocol::RunRequest> done,
                          ErrorFn fail)
{
    return send(request, std::move(done), std::move(fail));
}

int SessionRunClient::saveOutputs(const protocol::SaveOutputsRequest& request,
                                  DoneFn<protocol::SaveOutputsRequest> done, ErrorFn fail)
{
    if (!m_session->client()->isRemote())
        return m_session->request(request, std::move(done), std::move(fail));
    // The path was chosen on this machine: the worker writes into its session folder (no path), and the
    // file is fetched from there and checked.
    const QString local = qs(request.path);
    return m_session->request(
        protocol::SaveOutputsRequest{request.handle, {}},
        [this, local, done, fail](const protocol::SaveOutputsResult& saved) {
            m_fetch(
                qs(saved.path), local,
                [local, done] {
                    if (done)
                        done({local.toStdString()});
                },
                [fail](const QString& message) {
                    if (fail)
                        fail({ErrorCode::Internal, message.toStdString(), {}, {}});
                });
        },
        fail);
}

int SessionRunClient::bench(const protocol::BenchRequest& request, DoneFn<protocol::BenchRequest> done,
                            ErrorFn fail)
{
    return send(request, std::move(done), std::move(fail));
}

void SessionRunClient::cancel(int id)
{
    if (m_uploading.remove(id))
        m_inputs->cancel(id);
    else
        m_session->cancel(id);
}

template<class R> int SessionRunClient::send(const R& request, DoneFn<R> done, ErrorFn fail)
{
    const auto params = protocol::Payload::of(request);
    if (!m_session->client()->isRemote() || InputUploader::localFiles(params).isEmpty())
        return m_session->request(request, std::move(done), std::move(fail));
    WorkerClient::Callbacks callbacks;
    callbacks.onResult = [done, fail](protocol::Payload result) {
        auto decoded = protocol::decodeResult<typename R::Result>(result.json);
        if (!decoded) {
            if (fail)
                fail(decoded.error());
            return;
        }
        if (done)
            done(std::move(decoded).value());
    };
    callbacks.onError = [fail](const Error& error) {
        if (fail)
            fail(error);
    };
    const int id =
        m_inputs->request(QString::fromLatin1(protocol::methodOf<R>()), params, std::move(callbacks));
    m_uploading.insert(id);
    return id;
}

} // namespace jitscope::ui
