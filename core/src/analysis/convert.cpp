#include "kronscope/core/analysis/convert.h"

#include <unistd.h>

#include <filesystem>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/model/checkpoint_writer.h"

namespace kronscope::core {

namespace fs = std::filesystem;

void ConvertRequest::validate() const {
    if (out.empty()) throw InputError("convert: no output folder (--out)");
    if (dtype != "F32" && dtype != "F16" && dtype != "BF16")
        throw InputError("convert: dtype '" + dtype + "': expected F32, F16 or BF16");
    std::error_code ec;
    if (fs::exists(out, ec) && (!fs::is_directory(out, ec) || !fs::is_empty(out, ec)))
        throw InputError(out + ": already exists and is not an empty folder (choose a new one)");
}

ConvertResult runConvert(const Gpt2Model& model, const ConvertRequest& rq, Progress& progress) {
    rq.validate();
    ConvertResult r;
    r.request = rq;
    r.source = model.weightsFile();
    r.source_format = model.format();
    r.source_layout = model.keyLayout();
    r.source_dtype = model.storedDtype();
    r.source_hash = model.contentHash();
    r.parameters = model.config().parameterCount();
    progress.report(0.05, "writing " + rq.dtype + " safetensors");
    const fs::path out = fs::absolute(rq.out).lexically_normal();
    const fs::path tmp =
        out.parent_path() / ("." + out.filename().string() + ".converting-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(tmp, ec);
    try {
        r.tokenizer = writeModelCheckpoint(model, tmp.string(), rq.dtype);
        progress.throwIfCancelled();
        fs::remove(out, ec);  // an empty folder the user chose
        fs::rename(tmp, out);
    } catch (const fs::filesystem_error& e) {
        fs::remove_all(tmp, ec);
        throw InputError(rq.out + ": cannot write the converted checkpoint (" + e.code().message() + ")");
    } catch (...) {
        fs::remove_all(tmp, ec);
        throw;
    }
    r.bytes = static_cast<uint64_t>(fs::file_size(out / "model.safetensors"));
    std::vector<std::string> files = {(out / "config.json").string(), (out / "model.safetensors").string()};
    r.out_hash = contentHashOfFiles(files);
    progress.report(1.0, "written");
    return r;
}

}  // namespace kronscope::core
