package io.deltasql.storage;

import io.deltasql.log.DeltaLogException;
import java.io.FileNotFoundException;
import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a storage exception means for the user, whichever library threw it (AWS SDK, S3A, the GCS
 * connector, ABFS): the kind, a short printable cause ("connection refused", "HTTP 403
 * SignatureDoesNotMatch", "no such bucket 'lake'"), and whether a retry can help. Only status codes,
 * error codes and host names are taken from library exceptions, never their whole text.
 */
record StorageFailure(Kind kind, String cause) {
    enum Kind {
        /** 401/403, a rejected key or token. */
        DENIED,
        /** The bucket / container does not exist. */
        NO_BUCKET,
        /** No credentials could be found at all. */
        NO_CREDENTIALS,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Connection refused, reset, timed out: the endpoint is down or unreachable. Retried. */
        UNREACHABLE,
        /** HTTP 429 or 5xx: throttling or a server error. Retried. */
        SERVER,
        /** The object is not there (a read of a file that was listed, e.g. removed by log cleanup). */
        NOT_FOUND,
        OTHER;

        boolean retryable() {
            return this == UNREACHABLE || this == SERVER;
        }
    }

    private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AllAccessDisabled",
            "AuthenticationFailed", "AuthorizationFailure", "AuthorizationPermissionMismatch", "InvalidAuthenticationInfo");
    private static final Set<String> NO_BUCKET_CODES = Set.of("NoSuchBucket", "ContainerNotFound", "FilesystemNotFound");
    private static final Pattern HTTP_STATUS = Pattern.compile("^(?:.*?\\b)?([45]\\d\\d) [A-Z][A-Za-z ]+");
    private static final Pattern OAUTH_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"(invalid_grant|invalid_client|unauthorized_client|access_denied)\"");

    static StorageFailure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageBucketMissing missing) {
                return new StorageFailure(Kind.NO_BUCKET, missing.getMessage());
            }
            if (t instanceof UnknownHostException u) {
                return new StorageFailure(Kind.UNKNOWN_HOST, "unknown host " + hostOf(u.getMessage()) + " (DNS lookup failed)");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new StorageFailure(Kind.UNREACHABLE, t instanceof NoRouteToHostException ? "no route to host"
                        : lower(t.getMessage(), "connection refused"));
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpConnectTimeoutException) {
                return new StorageFailure(Kind.UNREACHABLE, "timed out");
            }
            if (t instanceof SocketException || t instanceof java.io.EOFException) {
                return new StorageFailure(Kind.UNREACHABLE, lower(t.getMessage(), "connection lost"));
            }
            String name = t.getClass().getSimpleName();
            if (name.equals("NoSuchBucketException") || name.equals("UnknownStoreException")) {
                return new StorageFailure(Kind.NO_BUCKET, "NoSuchBucket");
            }
            if (name.equals("NoAuthWithAWSException") || name.equals("NoAwsCredentialsException")
                    || String.valueOf(t.getMessage()).contains("default credentials were not found")) {
                return new StorageFailure(Kind.NO_CREDENTIALS, "no credentials found");
            }
            Integer status = statusOf(t);
            if (status != null && status >= 400) {
                String code = errorCodeOf(t);
                String detail = "HTTP " + status + (code == null ? "" : " " + code);
                if (code != null && NO_BUCKET_CODES.contains(code)) {
                    return new StorageFailure(Kind.NO_BUCKET, detail);
                }
                if (status == 401 || status == 403 || code != null && DENIED_CODES.contains(code)) {
                    return new StorageFailure(Kind.DENIED, detail);
                }
                if (status == 400 && code != null && code.startsWith("invalid_")) {
                    return new StorageFailure(Kind.DENIED, detail);
                }
                if (status == 429 || status >= 500) {
                    return new StorageFailure(Kind.SERVER, detail);
                }
                if (status == 404) {
                    return new StorageFailure(Kind.NOT_FOUND, detail);
                }
                return new StorageFailure(Kind.OTHER, detail);
            }
            if (t instanceof java.nio.file.AccessDeniedException) {
                for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                    Integer s = statusOf(c);
                    if (s != null) {
                        String code = errorCodeOf(c);
                        return new StorageFailure(Kind.DENIED, "HTTP " + s + (code == null ? "" : " " + code));
                    }
                }
                return new StorageFailure(Kind.DENIED, "HTTP 403");
            }
            if (t instanceof FileNotFoundException || t instanceof java.nio.file.NoSuchFileException) {
                return new StorageFailure(Kind.NOT_FOUND, "not found");
            }
        }
        if (error instanceof InterruptedIOException && !(error instanceof SocketTimeoutException)) {
            return new StorageFailure(Kind.OTHER, "interrupted");
        }
        return new StorageFailure(Kind.OTHER, shortMessage(rootCause(error)));
    }

    /** The innermost cause: libraries wrap the telling message ("Unsupported or unrecognized SSL message") in generic ones. */
    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                root = t;
            }
        }
        return root;
    }

    /**
     * One line of at most about 200 characters: the operation and the object, the cause, what to do.
     * {@code store} supplies the store's name, endpoint and credential source for the cause.
     */
    String message(String operation, String object, StoreInfo store, String retriedFor) {
        String because = switch (kind) {
            case DENIED -> "access denied (" + cause + ", credentials: " + store.credentials() + ")";
            case NO_BUCKET -> cause.startsWith("no such") ? cause : "no such " + store.bucketWord() + " '" + store.bucket()
                    + "' (" + cause + ")";
            case UNREACHABLE -> cause + " at " + store.endpoint() + (retriedFor == null ? "" : ", retried for " + retriedFor);
            case SERVER -> cause + " from " + store.endpoint() + (retriedFor == null ? "" : ", retried for " + retriedFor);
            default -> cause;
        };
        String todo = switch (kind) {
            case DENIED -> store.checkCredentials();
            case NO_CREDENTIALS -> store.howToAuthenticate();
            case NO_BUCKET -> "check the " + store.bucketWord() + " name and the endpoint";
            case UNKNOWN_HOST -> "check the " + store.hostWord() + " and the endpoint setting";
            case UNREACHABLE, SERVER -> "check that the endpoint is up, then rerun";
            case NOT_FOUND -> "the object vanished while reading (log cleanup?): rerun";
            default -> "rerun with --verbose for the full cause";
        };
        return "cannot " + operation + " " + object + ": " + because + "; " + todo;
    }

    DeltaLogException exception(String operation, String object, StoreInfo store, String retriedFor, Throwable cause) {
        return new DeltaLogException(DeltaLogException.Kind.IO,
                Secrets.scrub(message(operation, object, store, retriedFor), store.settings()), null, null, null, cause);
    }

    /** The HTTP status of an SDK/connector exception: {@code statusCode()} or {@code getStatusCode()}, else from its message. */
    static Integer statusOf(Throwable t) {
        for (String m : new String[] {"statusCode", "getStatusCode", "getHttpStatusCode"}) {
            Object v = call(t, m);
            if (v instanceof Integer i && i > 0) {
                return i;
            }
        }
        String msg = t.getMessage();
        if (msg != null && t.getClass().getName().contains("google")) {
            Matcher m = HTTP_STATUS.matcher(msg);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return null;
    }

    private static String errorCodeOf(Throwable t) {
        Object details = call(t, "awsErrorDetails");
        if (details != null) {
            Object code = call(details, "errorCode");
            if (code != null) {
                return code.toString();
            }
        }
        Object abfs = call(t, "getErrorCode"); // ABFS: AzureServiceErrorCode
        if (abfs != null) {
            Object code = call(abfs, "getErrorCode");
            String c = code != null ? code.toString() : abfs.toString();
            if (!c.isBlank() && !c.equals("UNKNOWN")) {
                return c;
            }
        }
        String msg = t.getMessage();
        if (msg != null) {
            Matcher oauth = OAUTH_ERROR.matcher(msg);
            if (oauth.find()) {
                return oauth.group(1);
            }
            for (String c : NO_BUCKET_CODES) {
                if (msg.contains(c)) {
                    return c;
                }
            }
            if (msg.contains("bucket does not exist")) {
                return "NoSuchBucket";
            }
        }
        return null;
    }

    private static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            m.setAccessible(true);
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String hostOf(String message) {
        if (message == null) {
            return "?";
        }
        int colon = message.indexOf(':');
        return (colon > 0 ? message.substring(0, colon) : message).trim();
    }

    private static String lower(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        String first = firstLine(message);
        // "Connection refused", "Connection reset", "Unable to execute HTTP request: Connect to … failed: Connection refused"
        int colon = first.lastIndexOf(": ");
        String tail = colon >= 0 ? first.substring(colon + 2) : first;
        tail = tail.length() > 60 ? fallback : tail;
        return tail.isEmpty() ? fallback : tail.substring(0, 1).toLowerCase(Locale.ROOT) + tail.substring(1);
    }

    /** The first line of the message, at most 100 characters (a library's whole text stays for --verbose). */
    static String shortMessage(Throwable e) {
        String m = e.getMessage();
        String s = m == null || m.isBlank() ? e.getClass().getSimpleName() : firstLine(m);
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
