package org.opendispute.events;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.springframework.stereotype.Component;

/**
 * Where webhooks may go: https on a public address. Loopback, private, link-local and unique-local addresses
 * (the platform's own network) are refused unless {@code disputes.webhooks.allow-private-targets}; checked when an
 * endpoint is registered and again before each delivery, as a name may come to resolve elsewhere.
 */
@Component
public class WebhookTargets {

    private final WebhookSettings settings;

    WebhookTargets(WebhookSettings settings) {
        this.settings = settings;
    }

    /** Why the URL is no target, or null when it is one. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "not a URL";
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return "not an absolute URL";
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        if (!https && !(settings.allowPrivateTargets() && uri.getScheme().equalsIgnoreCase("http"))) {
            return "the target must be https";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return "its host does not resolve";
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address) && !settings.allowPrivateTargets()) {
                return "its host is a loopback or private address";
            }
        }
        return null;
    }

    static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal;
    }
}
