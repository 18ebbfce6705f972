package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.cli.command.DeltasqlCommand;
import io.deltasql.cli.command.ImportCommand;
import io.deltasql.cli.command.SnapshotCommand;
import org.junit.jupiter.api.Test;

/** A command line builds only the subcommand it names; whatever lists or explains commands gets them all. */
class MainTest {
    @Test
    void theNamedSubcommandAlone() {
        assertThat(Main.subcommandsFor(new String[] {"import", "/t", "deltasql://postgres/db"})).containsExactly(ImportCommand.class);
        assertThat(Main.subcommandsFor(new String[] {"--verbose", "snapshot", "x", "--version", "3"}))
                .containsExactly(SnapshotCommand.class);
        assertThat(Main.subcommandsFor(new String[] {"snapshot", "--help"})).containsExactly(SnapshotCommand.class);
    }

    @Test
    void aLoneVersionNeedsNone() {
        assertThat(Main.subcommandsFor(new String[] {"--version"})).isEmpty();
        assertThat(Main.subcommandsFor(new String[] {"-V"})).isEmpty();
    }

    @Test
    void theFastVersionPrintsWhatPicocliPrints() {
        Cli.Result fast = Cli.run("--version");
        assertThat(fast.exitCode()).isZero();
        assertThat(fast.err()).isEmpty();
        // --verbose keeps picocli's own --version handling: the same line, the same exit code.
        Cli.Result picocli = Cli.run("--verbose", "--version");
        assertThat(picocli.exitCode()).isZero();
        assertThat(fast.out()).isEqualTo(picocli.out()).startsWith("deltasql ");
        assertThat(Cli.run("-V").out()).isEqualTo(picocli.out());
        assertThat(Main.isLoneVersion(new String[] {"--version", "--help"})).isFalse();
        assertThat(Main.isLoneVersion(new String[] {"snapshot", "--version"})).isFalse();
    }

    @Test
    void usageHelpAndUnknownWordsGetThemAll() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-h", "-V"}, {"help", "import"}, {"imprt"}, {"--verbose"}}) {
            assertThat(Main.subcommandsFor(args)).as(String.join(" ", args)).isEqualTo(DeltasqlCommand.SUBCOMMANDS);
        }
    }

    @Test
    void whatUsersSeeIsUnchanged() {
        assertThat(Cli.run("--version").out()).startsWith("deltasql ");
        Cli.Result help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("import", "validate", "info", "compare", "snapshot", "demo", "help");
        Cli.Result importHelp = Cli.run("help", "import");
        assertThat(importHelp.out()).contains("--checkpoint-only", "--verbose");
        Cli.Result typo = Cli.run("imprt");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("'imprt'");
        // --verbose is inherited by a subcommand added on demand.
        assertThat(Cli.run("validate", "--help").out()).contains("--verbose");
    }

    /** Piped (no terminal to measure), help is 100 columns wide: the commands' description lines are not broken in two. */
    @Test
    void helpWithoutATerminalKeepsEachDescriptionLineWhole() {
        Cli.Result read = Cli.run("read", "--help");
        assertThat(read.exitCode()).isZero();
        assertThat(read.out()).contains("Prints an imported table's rows at a version or time. The log comes from the store, the data\n");
        for (String command : new String[] {"import", "compare", "snapshot", "validate", "demo", "upgrade", "info", "read"}) {
            assertThat(Cli.run(command, "--help").out().lines()).as(command).allMatch(l -> l.length() <= 100);
        }
    }
}
