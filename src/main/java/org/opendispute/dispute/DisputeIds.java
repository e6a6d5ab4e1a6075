package org.opendispute.dispute;

import java.security.SecureRandom;

/** Short, readable dispute ids ("DSP-7K3QM9XW2P") that fit in a task name and a phone call. */
public final class DisputeIds {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private DisputeIds() {
    }

    public static String next() {
        StringBuilder id = new StringBuilder("DSP-");
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
