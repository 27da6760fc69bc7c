package io.outpost.controlplane.log;

/**
 * A logging configuration that cannot be applied, with a reason an operator can act on, such as
 * {@code syslog server "logs.example.invalid": cannot resolve host}. Thrown by
 * {@link LogService#prepare} so that the configuration commit that asked for it fails as a whole.
 */
public final class LogConfigurationException extends Exception {

    public LogConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
