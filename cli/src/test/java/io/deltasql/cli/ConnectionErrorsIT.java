package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A connection that cannot be made says why, in one line, and never as "lost the connection … re-run
 * to resume" (issue #12, point 3). The password and SSL cases run against a cluster of their own
 * ({@link PasswordCluster}: scram-sha-256, SSL off), since the machine's server trusts every local connection.
 */
class ConnectionErrorsIT {
    private static PasswordCluster cluster;
    private static String unavailable;

    /** The cluster, made on first use; the test is skipped, with the reason printed, where it cannot be made. */
    private static synchronized PasswordCluster cluster() throws Exception {
        if (cluster == null && unavailable == null) {
            unavailable = PasswordCluster.unavailableReason();
            if (unavailable == null) {
                cluster = PasswordCluster.create();
            } else {
                System.out.println("ConnectionErrorsIT: skipping the password and SSL cases: " + unavailable);
            }
        }
        Assumptions.assumeTrue(unavailable == null, unavailable);
        return cluster;
    }

    @AfterAll
    static void dropCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Cli.Result importInto(String target) {
        return Cli.run("import", Cli.table("simple-table").toString(), target, "--progress=none");
    }

    /** One line, exit 4, the cause named, nothing that is not true of a connection never made, no password. */
    private static void assertConnectFailure(Cli.Result r, String cause) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.DATABASE);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("deltasql: ").contains(cause)
                .doesNotContain("lost the connection").doesNotContain("resume").doesNotContain("rolled back")
                .doesNotContain(PasswordCluster.PASSWORD);
    }

    @Test
    void theRightPasswordImports() throws Exception {
        PasswordCluster pg = cluster();
        Cli.Result r = importInto(pg.uri("delta", "ok", "password=" + PasswordCluster.PASSWORD));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Overall: PASSED ✓").doesNotContain(PasswordCluster.PASSWORD);
    }

    @Test
    void noPasswordWhenTheServerAsksForOneSaysWhereToGiveIt() throws Exception {
        PasswordCluster pg = cluster();
        assertConnectFailure(importInto(pg.uri("delta", "t", "")),
                "the server asks for a password for user '" + PasswordCluster.USER + "': set PGPASSWORD or ?password=");
        assertConnectFailure(Cli.run("info", pg.uri("delta", "t", "")), "the server asks for a password");
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureWithoutThePassword() throws Exception {
        PasswordCluster pg = cluster();
        Cli.Result r = importInto(pg.uri("delta", "t", "password=not-" + PasswordCluster.PASSWORD));
        assertConnectFailure(r, "authentication failed");
        assertThat(r.err()).doesNotContain("not-" + PasswordCluster.PASSWORD);
    }

    @Test
    void sslRequiredOfAServerWithoutSslSaysSo() throws Exception {
        PasswordCluster pg = cluster();
        assertConnectFailure(importInto(pg.uri("delta", "t", "password=" + PasswordCluster.PASSWORD + "&sslmode=require")),
                "the server does not support SSL (sslmode=require)");
        Cli.Result fromEnv = Cli.runWithEnv(Map.of("PGSSLMODE", "verify-full", "PGPASSWORD", PasswordCluster.PASSWORD),
                "import", Cli.table("simple-table").toString(), pg.uri("delta", "t", ""), "--progress=none");
        assertConnectFailure(fromEnv, "the server does not support SSL (sslmode=verify-full)");
    }

    @Test
    void anInvalidSslmodeListsTheValidOnes() {
        String valid = "(disable, allow, prefer, require, verify-ca, verify-full)";
        assertConnectFailure(importInto("deltasql://postgres/lake/delta/t?host=127.0.0.1&sslmode=bogus&password="
                + PasswordCluster.PASSWORD), "invalid sslmode 'bogus' " + valid);
        Cli.Result fromEnv = Cli.runWithEnv(Map.of("PGSSLMODE", "Bogus"), "info", "deltasql://postgres/lake/delta/t");
        assertConnectFailure(fromEnv, "invalid sslmode 'Bogus' " + valid + " in PGSSLMODE");
    }

    @Test
    void anUnreachableNetworkIsNamed() {
        // 2001:db8::/32 is the documentation prefix: never routed, so connecting fails at once (or times out).
        Cli.Result r = importInto("deltasql://postgres/lake/delta/t?host=2001:db8::1&password=" + PasswordCluster.PASSWORD);
        assertConnectFailure(r, "cannot connect to PostgreSQL at [2001:db8::1]:5432/lake: ");
        assertThat(r.err()).as(r.toString()).containsAnyOf("the network is unreachable (no route to host 2001:db8::1)",
                "no answer from [2001:db8::1]:5432 (timed out)").doesNotContain("connection refused");
    }
}
