// Typed calls for the file requests of the worker (list_dir, stat, upload, download): the remote Open
// dialog, the uploader and the downloader never touch JSON.
#pragma once

#include "types/error.h"
#include "protocol/files.h"

#include <QString>

#include <functional>

namespace jitscope::ui {

class WorkerClient;

class RemoteFiles
{
public:
    using ErrorFn = std::function<void(const jitscope::Error&)>;

    explicit RemoteFiles(WorkerClient* worker) : m_worker(worker) {}
    WorkerClient* worker() const { return m_worker; }

    int listDir(const jitscope::protocol::ListDirRequest& request,
                std::function<void(const jitscope::protocol::ListDirResult&)> done, ErrorFn failed);
    int stat(const QString& path, std::function<void(const jitscope::protocol::StatResult&)> done,
             ErrorFn failed);
    int upload(const jitscope::protocol::UploadRequest& request,
               std::function<void(const jitscope::protocol::UploadResult&)> done, ErrorFn failed);
    int download(const jitscope::protocol::DownloadRequest& request,
                 std::function<void(const jitscope::protocol::DownloadResult&)> done, ErrorFn failed);

private:
    WorkerClient* m_worker;
};

} // namespace jitscope::ui
