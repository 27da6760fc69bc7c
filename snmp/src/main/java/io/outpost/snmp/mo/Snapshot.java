package io.outpost.snmp.mo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/**
 * The objects of one {@link Subtree} at one moment: instance OIDs in lexicographic order and
 * their values. Immutable once built, so a walk that reads one snapshot sees one consistent
 * table, and readers on several threads need no lock.
 */
public final class Snapshot {
  private final OID[] oids;
  private final Variable[] values;

  private Snapshot(OID[] oids, Variable[] values) {
    this.oids = oids;
    this.values = values;
  }

  public int size() {
    return oids.length;
  }

  public OID oid(int i) {
    return oids[i];
  }

  public Variable value(int i) {
    return values[i];
  }

  /** The position of exactly {@code oid}, or -1. */
  public int indexOf(OID oid) {
    int i = Arrays.binarySearch(oids, oid);
    return i >= 0 ? i : -1;
  }

  /**
   * The position of the first OID after {@code bound} (or equal to it, when {@code inclusive}),
   * or {@link #size()} when there is none.
   */
  public int ceiling(OID bound, boolean inclusive) {
    int i = Arrays.binarySearch(oids, bound);
    if (i >= 0) {
      return inclusive ? i : i + 1;
    }
    return -i - 1;
  }

  /**
   * Collects objects in any order; {@link #build} sorts them. Tables are written a row at a time
   * with {@link #cell}, which is the natural order of the sources; SNMP's order is column by
   * column, and the sort makes it so.
   */
  public static final class Builder {
    private final List<OID> oids = new ArrayList<>();
    private final List<Variable> values = new ArrayList<>();

    /** A scalar: {@code object.0}. A null value leaves the object out. */
    public Builder scalar(OID object, Variable value) {
      if (value != null) {
        oids.add(new OID(object.getValue(), 0));
        values.add(value);
      }
      return this;
    }

    /** An object instance by its whole OID: {@code instance}. */
    public Builder object(OID instance, Variable value) {
      if (value != null) {
        oids.add(instance);
        values.add(value);
      }
      return this;
    }

    /** A table cell: {@code entry.column.index}. A null value leaves the cell out. */
    public Builder cell(OID entry, int column, OID index, Variable value) {
      if (value != null) {
        int[] e = entry.getValue();
        int[] x = index.getValue();
        int[] oid = Arrays.copyOf(e, e.length + 1 + x.length);
        oid[e.length] = column;
        System.arraycopy(x, 0, oid, e.length + 1, x.length);
        oids.add(new OID(oid));
        values.add(value);
      }
      return this;
    }

    public Snapshot build() {
      Integer[] order = new Integer[oids.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      // a stable sort: of duplicates, the first written comes first
      Arrays.sort(order, (a, b) -> oids.get(a).compareTo(oids.get(b)));
      OID[] o = new OID[order.length];
      Variable[] v = new Variable[order.length];
      int n = 0;
      for (Integer i : order) {
        if (n > 0 && o[n - 1].equals(oids.get(i))) {
          continue; // two rows with one index (a source's duplicate): the first written stands
        }
        o[n] = oids.get(i);
        v[n++] = values.get(i);
      }
      return new Snapshot(Arrays.copyOf(o, n), Arrays.copyOf(v, n));
    }
  }
}
