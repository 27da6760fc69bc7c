package io.outpost.snmp.mo;

import java.util.function.Consumer;
import org.snmp4j.PDU;
import org.snmp4j.agent.DefaultMOScope;
import org.snmp4j.agent.MOScope;
import org.snmp4j.agent.mo.GenericManagedObject;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * A read-only part of the MIB: every object under one OID, served from a {@link Snapshot} of
 * live state that is taken again when the last is older than the subtree's maximum age.
 *
 * <p>snmp4j-agent's own tables ({@code DefaultMOTable}) keep rows as mutable objects that the
 * agent owns; our state is owned elsewhere (the data plane's counters, the BGP sessions, the
 * health monitor), so a table here is a function from that state to objects. Like net-snmp's
 * cache handler, one snapshot serves every request within its age: a bulk walk of a thousand
 * interfaces reads the counters once, not once per GETBULK, and sees one consistent table.
 * Writes are refused with notWritable; the datastore is the only way to change the appliance.
 */
public final class Subtree implements GenericManagedObject {
  private final OID root;
  private final MOScope scope;
  private final Consumer<Snapshot.Builder> content;
  private final long maxAgeNanos;
  private volatile Snapshot snapshot;
  private volatile long takenAt;

  /**
   * @param root the OID every object of the subtree is under
   * @param content writes the subtree's objects as they are now
   * @param maxAgeMillis how long one snapshot serves requests
   */
  public Subtree(OID root, Consumer<Snapshot.Builder> content, long maxAgeMillis) {
    this.root = root;
    this.scope = new DefaultMOScope(root, true, root.nextPeer(), false);
    this.content = content;
    this.maxAgeNanos = maxAgeMillis * 1_000_000L;
  }

  public OID root() {
    return root;
  }

  /** The objects as they are, taking a new snapshot when the last is too old. */
  public Snapshot snapshot() {
    long now = System.nanoTime();
    Snapshot s = snapshot;
    if (s == null || now - takenAt >= maxAgeNanos) {
      synchronized (this) {
        s = snapshot;
        if (s == null || now - takenAt >= maxAgeNanos) {
          Snapshot.Builder b = new Snapshot.Builder();
          content.accept(b);
          s = b.build();
          snapshot = s;
          takenAt = System.nanoTime();
        }
      }
    }
    return s;
  }

  @Override
  public MOScope getScope() {
    return scope;
  }

  @Override
  public OID find(MOScope range) {
    Snapshot s = snapshot();
    int i = s.ceiling(range.getLowerBound(), range.isLowerIncluded());
    return i < s.size() && range.covers(s.oid(i)) && scope.covers(s.oid(i)) ? s.oid(i) : null;
  }

  @Override
  public void get(SubRequest<?> request) {
    VariableBinding vb = request.getVariableBinding();
    Snapshot s = snapshot();
    int i = s.indexOf(vb.getOid());
    vb.setVariable(i >= 0 ? s.value(i) : Null.noSuchInstance);
    request.completed();
  }

  @Override
  public boolean next(SubRequest<?> request) {
    MOScope range = request.getQuery().getScope();
    Snapshot s = snapshot();
    int i = s.ceiling(range.getLowerBound(), range.isLowerIncluded());
    if (i >= s.size() || !range.covers(s.oid(i)) || !scope.covers(s.oid(i))) {
      return false;
    }
    VariableBinding vb = request.getVariableBinding();
    vb.setOid(s.oid(i));
    vb.setVariable(s.value(i));
    request.completed();
    return true;
  }

  @Override
  public void prepare(SubRequest<?> request) {
    request.setErrorStatus(PDU.notWritable);
  }

  @Override
  public void commit(SubRequest<?> request) {
    request.setErrorStatus(PDU.notWritable);
  }

  @Override
  public void undo(SubRequest<?> request) {}

  @Override
  public void cleanup(SubRequest<?> request) {
    request.completed();
  }

  @Override
  public String toString() {
    return "Subtree[" + root + "]";
  }
}
