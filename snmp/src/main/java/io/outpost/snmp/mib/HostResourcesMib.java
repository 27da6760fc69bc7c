package io.outpost.snmp.mib;

import io.outpost.snmp.mo.Smi;
import io.outpost.snmp.mo.Snapshot;
import io.outpost.snmp.mo.Subtree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.snmp4j.smi.OID;

/**
 * HOST-RESOURCES-MIB (RFC 2790) from Linux's {@code /proc}: uptime, date and process count
 * (hrSystem), memory, swap and file systems (hrStorageTable), each processor and its load
 * (hrDeviceTable, hrProcessorTable), the running processes (hrSWRunTable) and the installed
 * image (hrSWInstalledTable). Indexes follow net-snmp's, so managers that know its numbering
 * find the same rows: processors from 768, memory 1, swap 3, file systems from 31.
 */
public final class HostResourcesMib {
  public static final OID HOST = new OID("1.3.6.1.2.1.25");
  private static final OID STORAGE_ENTRY = new OID("1.3.6.1.2.1.25.2.3.1");
  private static final OID DEVICE_ENTRY = new OID("1.3.6.1.2.1.25.3.2.1");
  private static final OID PROCESSOR_ENTRY = new OID("1.3.6.1.2.1.25.3.3.1");
  private static final OID SW_RUN_ENTRY = new OID("1.3.6.1.2.1.25.4.2.1");
  private static final OID SW_INSTALLED_ENTRY = new OID("1.3.6.1.2.1.25.6.3.1");
  private static final OID STORAGE_RAM = new OID("1.3.6.1.2.1.25.2.1.2");
  private static final OID STORAGE_VIRTUAL = new OID("1.3.6.1.2.1.25.2.1.3");
  private static final OID STORAGE_FIXED_DISK = new OID("1.3.6.1.2.1.25.2.1.4");
  private static final OID DEVICE_PROCESSOR = new OID("1.3.6.1.2.1.25.3.1.3");
  private static final int FIRST_PROCESSOR = 768;
  private static final int FIRST_FILE_SYSTEM = 31;

  private final Path proc;
  private final List<Path> fileSystems;
  private final String installed;
  /** The last /proc/stat reading per processor (busy, total jiffies), for the load. */
  private long[][] lastCpu = new long[0][];

  /**
   * @param proc where {@code /proc} is
   * @param fileSystems the mount points to show as fixed disks
   * @param installed the name of the installed software: "outpost 0.1.0"
   */
  public HostResourcesMib(Path proc, List<Path> fileSystems, String installed) {
    this.proc = proc;
    this.fileSystems = fileSystems;
    this.installed = installed;
  }

  public Subtree subtree() {
    return new Subtree(HOST, this::write, 5_000);
  }

  private synchronized void write(Snapshot.Builder b) {
    List<Integer> pids = processes();
    b.scalar(new OID(HOST).append(1).append(1), Smi.ticks(hostUptime()));
    b.scalar(new OID(HOST).append(1).append(2), Smi.dateAndTime(ZonedDateTime.now()));
    b.scalar(new OID(HOST).append(1).append(5), Smi.gauge(0));
    b.scalar(new OID(HOST).append(1).append(6), Smi.gauge(pids.size()));
    b.scalar(new OID(HOST).append(1).append(7), Smi.integer(0));
    storage(b);
    processors(b);
    b.scalar(new OID(HOST).append(4).append(1), Smi.integer(0));
    for (int pid : pids) {
      process(b, pid);
    }
    OID one = new OID(new int[] {1});
    b.cell(SW_INSTALLED_ENTRY, 1, one, Smi.integer(1));
    b.cell(SW_INSTALLED_ENTRY, 2, one, Smi.text(installed));
    b.cell(SW_INSTALLED_ENTRY, 3, one, Smi.ZERO_DOT_ZERO);
    b.cell(SW_INSTALLED_ENTRY, 4, one, Smi.integer(4)); // application
    b.cell(SW_INSTALLED_ENTRY, 5, one, Smi.dateAndTime(ZonedDateTime.now()));
  }

  private long hostUptime() {
    String[] f = read("uptime").trim().split("\\s+");
    return f.length == 0 || f[0].isEmpty() ? 0 : (long) (Double.parseDouble(f[0]) * 100);
  }

  private void storage(Snapshot.Builder b) {
    long total = 0;
    long available = 0;
    long swapTotal = 0;
    long swapFree = 0;
    for (String line : read("meminfo").split("\n")) {
      String[] f = line.split("\\s+");
      if (f.length < 2) {
        continue;
      }
      long kb = Long.parseLong(f[1]);
      switch (f[0]) {
        case "MemTotal:" -> total = kb;
        case "MemAvailable:" -> available = kb;
        case "SwapTotal:" -> swapTotal = kb;
        case "SwapFree:" -> swapFree = kb;
        default -> {}
      }
    }
    b.scalar(new OID(HOST).append(2).append(2), Smi.integer(total));
    storageRow(b, 1, STORAGE_RAM, "Physical memory", 1024, total, total - available);
    storageRow(b, 3, STORAGE_VIRTUAL, "Swap space", 1024, swapTotal, swapTotal - swapFree);
    int index = FIRST_FILE_SYSTEM;
    for (Path p : fileSystems) {
      try {
        FileStore s = Files.getFileStore(p);
        long unit = Math.max(1, s.getBlockSize());
        storageRow(b, index, STORAGE_FIXED_DISK, p.toString(), unit, s.getTotalSpace() / unit,
            (s.getTotalSpace() - s.getUnallocatedSpace()) / unit);
      } catch (IOException | UnsupportedOperationException e) {
        // a file system that went away since the agent started: no row
      }
      index++;
    }
  }

  private static void storageRow(Snapshot.Builder b, int index, OID type, String descr,
      long unit, long size, long used) {
    OID x = new OID(new int[] {index});
    b.cell(STORAGE_ENTRY, 1, x, Smi.integer(index));
    b.cell(STORAGE_ENTRY, 2, x, type);
    b.cell(STORAGE_ENTRY, 3, x, Smi.text(descr));
    b.cell(STORAGE_ENTRY, 4, x, Smi.integer(unit));
    b.cell(STORAGE_ENTRY, 5, x, Smi.integer(Math.min(size, Integer.MAX_VALUE)));
    b.cell(STORAGE_ENTRY, 6, x, Smi.integer(Math.min(used, Integer.MAX_VALUE)));
    b.cell(STORAGE_ENTRY, 7, x, Smi.counter32(0));
  }

  /** One row per processor; the load is the busy share since the last reading. */
  private void processors(Snapshot.Builder b) {
    List<long[]> now = new ArrayList<>();
    for (String line : read("stat").split("\n")) {
      if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
        String[] f = line.split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        now.add(new long[] {total - idle, total});
      }
    }
    String model = cpuModel();
    for (int i = 0; i < now.size(); i++) {
      long[] last = i < lastCpu.length ? lastCpu[i] : new long[2];
      long busy = now.get(i)[0] - last[0];
      long total = now.get(i)[1] - last[1];
      OID x = new OID(new int[] {FIRST_PROCESSOR + i});
      b.cell(DEVICE_ENTRY, 1, x, Smi.integer(FIRST_PROCESSOR + i));
      b.cell(DEVICE_ENTRY, 2, x, DEVICE_PROCESSOR);
      b.cell(DEVICE_ENTRY, 3, x, Smi.text(model));
      b.cell(DEVICE_ENTRY, 4, x, Smi.ZERO_DOT_ZERO);
      b.cell(DEVICE_ENTRY, 5, x, Smi.integer(2)); // running
      b.cell(DEVICE_ENTRY, 6, x, Smi.counter32(0));
      b.cell(PROCESSOR_ENTRY, 1, x, Smi.ZERO_DOT_ZERO);
      b.cell(PROCESSOR_ENTRY, 2, x, Smi.integer(total <= 0 ? 0 : 100 * busy / total));
    }
    lastCpu = now.toArray(long[][]::new);
  }

  private String cpuModel() {
    for (String line : read("cpuinfo").split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "processor";
  }

  private List<Integer> processes() {
    List<Integer> pids = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path p : dir) {
        pids.add(Integer.parseInt(p.getFileName().toString()));
      }
    } catch (IOException e) {
      return List.of();
    }
    return pids;
  }

  /** One process's row; a process that ended while read has none. */
  private void process(Snapshot.Builder b, int pid) {
    String stat = read(pid + "/stat");
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open || close + 2 >= stat.length()) {
      return;
    }
    String name = stat.substring(open + 1, close);
    char state = stat.charAt(close + 2);
    String[] cmdline = read(pid + "/cmdline").split("\0");
    String path = cmdline.length > 0 ? cmdline[0] : "";
    String parameters = cmdline.length > 1
        ? String.join(" ", List.of(cmdline).subList(1, cmdline.length)) : "";
    OID x = new OID(new int[] {pid});
    b.cell(SW_RUN_ENTRY, 1, x, Smi.integer(pid));
    b.cell(SW_RUN_ENTRY, 2, x, Smi.text(truncate(name)));
    b.cell(SW_RUN_ENTRY, 3, x, Smi.ZERO_DOT_ZERO);
    b.cell(SW_RUN_ENTRY, 4, x, Smi.text(truncate(path)));
    b.cell(SW_RUN_ENTRY, 5, x, Smi.text(truncate(parameters)));
    b.cell(SW_RUN_ENTRY, 6, x, Smi.integer(path.isEmpty() ? 2 : 4)); // kernel thread or app
    b.cell(SW_RUN_ENTRY, 7, x, Smi.integer(switch (state) {
      case 'R' -> 1; // running
      case 'S', 'I' -> 2; // runnable (waiting)
      case 'D', 'T', 't' -> 3; // notRunnable
      default -> 4; // invalid (zombie, dead)
    }));
  }

  /** InternationalDisplayString (SIZE (0..128)). */
  private static String truncate(String s) {
    return s.length() <= 128 ? s : s.substring(0, 128);
  }

  private String read(String name) {
    try {
      return new String(Files.readAllBytes(proc.resolve(name)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
