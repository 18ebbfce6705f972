package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One action of a Delta log: a line of a JSON commit, or a row of a checkpoint.
 *
 * <p>Every record keeps the protocol's fields typed and everything else in {@link #extra()}: fields
 * a future protocol adds, and known fields whose JSON value was an explicit {@code null} or of an
 * unexpected type. So {@link ActionCodec#toJson(Action)} re-creates the original action
 * JSON-equivalently, and nothing of the log is ever lost.
 */
public sealed interface Action
        permits AddFile, RemoveFile, Metadata, Protocol, Txn, CommitInfo, Cdc, DomainMetadata,
                CheckpointMetadata, Sidecar, UnknownAction {

    ActionType type();

    /** Fields of the action's JSON object that are not held by a typed component; null when none. */
    ObjectNode extra();
}
