#pragma once
// A strict, allow-list reader for what Python's torch.save writes since PyTorch 1.6: a zip archive
// (stored, uncompressed entries) holding PREFIX/data.pkl, a pickle of the saved object, and one entry
// PREFIX/data/KEY per tensor storage. Hugging Face's pytorch_model.bin and nanoGPT's ckpt.pt are such files.
//
// The pickle is run by a small virtual machine that never executes code. It knows the opcodes of pickle
// protocols 2 to 4 that build plain values (None, bools, ints, floats, strings, tuples, lists, dicts) and
// exactly eight globals: collections.OrderedDict, torch._utils._rebuild_tensor_v2,
// torch._utils._rebuild_parameter and the storage types torch.FloatStorage / HalfStorage / BFloat16Storage
// (weights) and BoolStorage / ByteStorage (the attention-mask buffers transformers saved with GPT-2).
// Anything else (os.system, builtins.eval, any other global, INST / OBJ / NEWOBJ, an opcode it does not
// know) is refused with one line naming the opcode or the global. Every storage must be an entry of the
// archive whose size is numel x element size; every tensor's offset, sizes and strides must stay inside
// its storage; entries may not overlap one another or the central directory; each entry's CRC-32 is
// checked before its bytes are used. Nothing in the reader recurses (containers hold indices into one
// arena), so deep nesting cannot exhaust the stack; data.pkl is at most 64 MiB and builds at most 4 Mi
// values.
//
// The legacy format (torch < 1.6: a bare pickle or a tar file) is recognized and refused with a message
// saying how to convert it. No torch here: the reader gives bytes, dtypes and shapes (TensorArchive).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kronscope/core/io/tensor_archive.h"

namespace kronscope::core {

/// A value of the pickle that is not a tensor or a container: what configs such as nanoGPT's model_args hold.
struct PickleScalar {
    enum class Kind { None, Bool, Int, Float, String } kind = Kind::None;
    bool b = false;
    int64_t i = 0;
    double f = 0;
    std::string s;
};

class TorchArchive : public TensorArchive {
  public:
    /// Reads and validates `path` (a regular file). Throws InputError naming it.
    static TorchArchive open(const std::string& path);
    /// Validates `size` bytes at `data` (not copied; must outlive the object). `name` stands for the file.
    static TorchArchive parse(const uint8_t* data, size_t size, const std::string& name);

    TorchArchive(TorchArchive&&) noexcept;
    TorchArchive& operator=(TorchArchive&&) noexcept;
    ~TorchArchive() override;

    const std::string& path() const override;
    /// The tensors of the selected state dict (see selectStateDict), named by their keys, in pickle order.
    const std::vector<TensorInfo>& tensors() const override;
    void copyTensor(const TensorInfo& info, void* dst) const override;
    std::string formatName() const override { return "PyTorch zip archive (torch.save)"; }

    /// The root object's string keys, in pickle order (empty unless the root is a dict).
    std::vector<std::string> rootKeys() const;
    /// Whether root[key] (key "" = the root itself) is a dict whose values are all tensors.
    bool isStateDict(const std::string& key) const;
    /// Makes tensors() the state dict at root[key] ("" = the root). InputError naming the file and the key
    /// when it is not a dict of string -> tensor, or a name appears twice. open() selects the root when it is
    /// a state dict.
    void selectStateDict(const std::string& key);
    /// root[key] as a dict of string -> scalar (nanoGPT's model_args). InputError when it is missing or holds
    /// anything else.
    std::map<std::string, PickleScalar> scalarDict(const std::string& key) const;
    /// The archive's top folder ("pytorch_model", "ckpt", "archive").
    const std::string& archiveName() const;
    /// Number of storages (zip entries under data/) the pickle referenced.
    size_t storageCount() const;

    struct Impl;

  private:
    explicit TorchArchive(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// What the first bytes of a file say it is: "zip" (torch >= 1.6), "legacy-pickle" (torch < 1.6),
/// "legacy-tar" (torch < 0.4), "safetensors" or "unknown". Reads at most 512 bytes; never throws.
std::string sniffCheckpointFile(const std::string& path);

}  // namespace kronscope::core
