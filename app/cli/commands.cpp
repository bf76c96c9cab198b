#include "commands.h"

namespace kronscope::cli {

// One file per command under commands/, each with its help text beside its options.
Command aboutCommand();
Command infoCommand();
Command tokenizeCommand();
Command pplCommand();
Command generateCommand();
Command synthCommand();
Command decomposeCommand();
Command mapCommand();
Command surgeryCommand();
Command sweepCommand();
Command corpusCommand();
Command trainCommand();
Command probeCommand();
Command toyCommand();
Command statsCommand();
Command quantizeCommand();
Command pruneSweepCommand();
Command procrustesCommand();
Command compareCommand();
Command dequantizeCommand();
Command mechanismCommand();
Command modularCommand();
Command convertCommand();
Command mergeCommand();
Command slurmCommand();
Command healCommand();
Command healSweepCommand();
Command exportCommand();

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        aboutCommand(),     infoCommand(),       tokenizeCommand(),   pplCommand(),     generateCommand(),
        synthCommand(),     decomposeCommand(),  mapCommand(),        surgeryCommand(), sweepCommand(),
        corpusCommand(),    trainCommand(),      probeCommand(),      toyCommand(),     statsCommand(),
        quantizeCommand(),  pruneSweepCommand(), procrustesCommand(), compareCommand(), dequantizeCommand(),
        mechanismCommand(), modularCommand(),    convertCommand(),    mergeCommand(),   slurmCommand(),
        healCommand(),      healSweepCommand(),  exportCommand()};
    return list;
}

}  // namespace kronscope::cli
