package org.opendispute.evidence;

/** Where the bytes of evidence files live: the database by default, a disk or object store later. */
public interface EvidenceContent {

    /** A short name recorded with each file so that a later change of storage still finds old files. */
    String storageName();

    void save(String evidenceId, byte[] content);

    byte[] load(String evidenceId);
}
