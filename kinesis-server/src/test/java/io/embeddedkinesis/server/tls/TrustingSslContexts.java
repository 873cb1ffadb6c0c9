package io.embeddedkinesis.server.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * Client TLS contexts that trust one certificate and nothing else, with the JDK's usual checks (validity,
 * and, in {@link java.net.http.HttpClient}, the host name against the subject alternative names).
 */
public final class TrustingSslContexts {
    private TrustingSslContexts() {
    }

    /**
     * A client context trusting one certificate.
     *
     * @param certificate the certificate to trust.
     * @return the context.
     * @throws GeneralSecurityException if the JDK cannot build it.
     */
    public static SSLContext trusting(final X509Certificate certificate) throws GeneralSecurityException {
        try {
            final KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("kinesis-server", certificate);
            final TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (final IOException ex) {
            throw new GeneralSecurityException("an empty key store cannot fail to load", ex);
        }
    }
}
