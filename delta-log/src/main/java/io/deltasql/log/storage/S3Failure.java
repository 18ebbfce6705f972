package io.deltasql.log.storage;

import java.util.Set;
import org.apache.hadoop.fs.s3a.UnknownStoreException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What kind of S3 failure an exception is, and a short printable detail (status and error code only). */
record S3Failure(Kind kind, String detail) {
    enum Kind { NO_BUCKET, DENIED, NO_CREDENTIALS, OTHER }

    private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AllAccessDisabled");

    static S3Failure classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchBucketException || t instanceof UnknownStoreException) {
                return new S3Failure(Kind.NO_BUCKET, "NoSuchBucket");
            }
            if (t instanceof S3Exception s3) {
                String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
                String detail = "HTTP " + s3.statusCode() + (code == null ? "" : " " + code);
                if ("NoSuchBucket".equals(code)) {
                    return new S3Failure(Kind.NO_BUCKET, detail);
                }
                if (s3.statusCode() == 401 || s3.statusCode() == 403 || DENIED_CODES.contains(code)) {
                    return new S3Failure(Kind.DENIED, detail);
                }
                return new S3Failure(Kind.OTHER, detail);
            }
            if (t instanceof java.nio.file.AccessDeniedException) {
                return new S3Failure(Kind.DENIED, "access denied");
            }
            String name = t.getClass().getSimpleName();
            if (name.equals("NoAuthWithAWSException") || name.equals("NoAwsCredentialsException")) {
                return new S3Failure(Kind.NO_CREDENTIALS, name);
            }
        }
        String detail = e instanceof SdkClientException ? firstLine(e.getMessage()) : e.getClass().getSimpleName();
        return new S3Failure(Kind.OTHER, detail);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
