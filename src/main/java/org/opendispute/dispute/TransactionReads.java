package org.opendispute.dispute;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The disputes one transaction has read, so that its steps (the caller's check, a task's assignee, the delegate, each
 * event of the outbox) ask the database for a dispute once rather than at every step (ADR 0020).
 * <ul>
 * <li>Every change of a dispute through {@link DisputeStore} forgets its copy: the next read sees the change.</li>
 * <li>The first change also locks the row until the transaction ends. A copy read after that is the row as it is,
 * which no other transaction can change, and the outbox's events are written from such copies. A copy read
 * before it is forgotten at that moment.</li>
 * <li>The event version of a locked row is counted here once known, as nothing but this transaction moves it.</li>
 * </ul>
 * Outside a transaction of the database nothing is kept. A transaction suspended for a new one (a refund's outcome committed at
 * once) takes its reads along and gets them back when it resumes.
 */
final class TransactionReads {

    /** What one transaction holds, bound to it as a resource under the store's key. */
    private static final class Held implements TransactionSynchronization {
        private final Object key;
        private final Map<String, Dispute> disputes = new HashMap<>();
        private final Set<String> locked = new HashSet<>();
        private final Map<String, Integer> eventVersions = new HashMap<>();

        Held(Object key) {
            this.key = key;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(key, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }
    }

    private final Object key = new Object();

    /** The dispute as this transaction read it last, or as {@code read} finds it now (then kept). */
    Optional<Dispute> find(String disputeId, Supplier<Optional<Dispute>> read) {
        Held held = held();
        if (held == null) {
            return read.get();
        }
        Dispute known = held.disputes.get(disputeId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Dispute> found = read.get();
        found.ifPresent(dispute -> held.disputes.put(disputeId, dispute));
        return found;
    }

    /** This transaction changed the dispute's row: its copy is forgotten, and the row is locked from now on. */
    void changed(String disputeId) {
        Held held = held();
        if (held != null) {
            held.disputes.remove(disputeId);
            held.locked.add(disputeId);
        }
    }

    /**
     * This transaction moved the row's event version on by one. Its copy stays if it was read under the lock (the
     * version is not part of it); the new version is returned if counted here, else empty.
     */
    Optional<Integer> eventVersionMoved(String disputeId) {
        Held held = held();
        if (held == null) {
            return Optional.empty();
        }
        if (held.locked.add(disputeId)) {
            held.disputes.remove(disputeId);
        }
        return Optional.ofNullable(held.eventVersions.computeIfPresent(disputeId, (id, version) -> version + 1));
    }

    /** The row as read under this transaction's lock, with its event version: both kept. */
    void readUnderLock(Dispute dispute, int eventVersion) {
        Held held = held();
        if (held != null) {
            held.disputes.put(dispute.id(), dispute);
            held.eventVersions.put(dispute.id(), eventVersion);
        }
    }

    private Held held() {
        // Without a transaction of the database's (none, or a scope that only synchronizes) each statement commits
        // alone, no row stays locked and nothing read is kept
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Held held = (Held) TransactionSynchronizationManager.getResource(key);
        // One bound after this transaction's completion began is never unbound; it must not serve the next one
        if (held == null || !TransactionSynchronizationManager.getSynchronizations().contains(held)) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
            held = new Held(key);
            TransactionSynchronizationManager.bindResource(key, held);
            TransactionSynchronizationManager.registerSynchronization(held);
        }
        return held;
    }
}
