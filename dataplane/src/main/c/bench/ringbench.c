/*
 * ringbench: measures an AF_PACKET receive ring in TPACKET_V2 against TPACKET_V3, the experiment
 * behind the afpacket driver's choice of V2. Not part of the product and not built by Maven; run
 * it with ringbench.sh, which builds it, makes a veth pair in a scratch namespace and cleans up.
 *
 *   ringbench RX_IF TX_IF v2|v3 burst|paced|latency SECONDS RING_KIB [RETIRE_MS]
 *
 * A sender thread transmits 64-byte frames on TX_IF through a V2 TX ring, the way the driver
 * does (qdisc bypass, one sendto per burst). The main thread receives on RX_IF through a V2 or V3
 * RX ring of RING_KIB KiB (2048-byte V2 slots; V3 packs frames into 64 KiB blocks), polling only
 * when the ring is empty. The sender's pattern:
 *   burst:   256-frame bursts flat out (the most the receiver can take);
 *   paced:   32-frame bursts every 320 us, 100 000 frames/s (a loaded port below saturation);
 *   latency: one frame every 200 us, 5000 frames/s (a lightly loaded port).
 * It reports frames received per second, the receiving thread's CPU time per frame, and the
 * one-way delay from the sender's timestamp to the receiver seeing the frame (p50, p99, max).
 * V3's RETIRE_MS is tp_retire_blk_tov, the timer that hands over a block that is not full
 * (0: the kernel's default for the link). RINGBENCH_SPIN_US=N makes the receiver spin N us on an
 * empty ring before it polls, as a busy worker would.
 *
 * Limits: both threads share the machine's CPUs with each other and with softirq processing,
 * so numbers compare the modes on one machine; they are not line-rate figures.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FRAME 2048
#define TX_FRAMES 1024
#define BLOCK (1 << 16)
#define TX_BLOCKS (FRAME * TX_FRAMES / BLOCK)
#define BURST 256
#define PAYLOAD 64
#define MAX_SAMPLES 1000000

static volatile int running = 1;
static int batch;       /* frames per sendto */
static uint64_t gap_ns; /* between batches; 0: flat out */
static long sent_total;

static void die(const char *what) {
  perror(what);
  exit(1);
}

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t) t.tv_sec * 1000000000u + (uint64_t) t.tv_nsec;
}

static int packet_socket(int version) {
  int fd = socket(AF_PACKET, SOCK_RAW, 0);
  if (fd < 0) die("socket");
  if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version, sizeof version) < 0) die("version");
  int one = 1;
  setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one);
  setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
  return fd;
}

static void bind_to(int fd, const char *ifname) {
  struct sockaddr_ll a = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL),
                          .sll_ifindex = (int) if_nametoindex(ifname)};
  if (a.sll_ifindex == 0) die(ifname);
  if (bind(fd, (struct sockaddr *) &a, sizeof a) < 0) die("bind");
}

struct sender_args {
  const char *ifname;
};

/* Fills free TX slots with test frames (sequence, timestamp) and kicks the kernel once. */
static void *sender(void *arg) {
  struct sender_args *args = arg;
  int fd = packet_socket(TPACKET_V2);
  struct tpacket_req req = {BLOCK, TX_BLOCKS, FRAME, TX_FRAMES};
  int sndbuf = FRAME * TX_FRAMES;
  setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof sndbuf);
  if (setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &req, sizeof req) < 0) die("tx ring");
  uint8_t *ring = mmap(NULL, FRAME * TX_FRAMES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (ring == MAP_FAILED) die("tx mmap");
  bind_to(fd, args->ifname);
  unsigned next = 0;
  uint64_t due = now_ns();
  while (running) {
    int queued = 0;
    for (; queued < batch; queued++) {
      struct tpacket2_hdr *h = (void *) (ring + (size_t) (next % TX_FRAMES) * FRAME);
      if (__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) != TP_STATUS_AVAILABLE) break;
      uint8_t *frame = (uint8_t *) h + TPACKET2_HDRLEN - sizeof(struct sockaddr_ll);
      memset(frame, 0xff, 6);
      memcpy(frame + 6, "\x02\x00\x5e\x00\x53\x20", 6);
      frame[12] = 0x88;
      frame[13] = 0xb5;
      uint64_t stamp = now_ns();
      uint64_t seq = (uint64_t) sent_total + (uint64_t) queued;
      memcpy(frame + 14, &seq, 8);
      memcpy(frame + 22, &stamp, 8);
      h->tp_len = PAYLOAD;
      __atomic_store_n(&h->tp_status, TP_STATUS_SEND_REQUEST, __ATOMIC_RELEASE);
      next++;
    }
    if (queued > 0) {
      sendto(fd, NULL, 0, MSG_DONTWAIT, NULL, 0);
      sent_total += queued;
    } else {
      sched_yield(); /* ring full: let the receiver's side run */
    }
    if (gap_ns > 0) {
      due += gap_ns;
      struct timespec t = {(time_t) (due / 1000000000u), (long) (due % 1000000000u)};
      clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL);
    }
  }
  return NULL;
}

static uint64_t samples[MAX_SAMPLES];
static long sample_count;
static long received;

/* Counts one received frame; in latency mode records its one-way delay. */
static void account(const uint8_t *frame, unsigned length, uint64_t seen) {
  if (length < 30 || frame[12] != 0x88 || frame[13] != 0xb5) return;
  received++;
  if (sample_count < MAX_SAMPLES) {
    uint64_t stamp;
    memcpy(&stamp, frame + 22, 8);
    /* A frame stamped after the receiver took "seen" for its batch waited ~0. */
    samples[sample_count++] = seen > stamp ? seen - stamp : 0;
  }
}

static int compare(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc < 7) {
    fprintf(stderr,
            "usage: %s RX_IF TX_IF v2|v3 burst|paced|latency SECONDS RING_KIB [RETIRE_MS]\n",
            argv[0]);
    return 64;
  }
  int v3 = strcmp(argv[3], "v3") == 0;
  if (strcmp(argv[4], "burst") == 0) {
    batch = BURST;
    gap_ns = 0;
  } else if (strcmp(argv[4], "paced") == 0) {
    batch = 32;
    gap_ns = 320000;
  } else {
    batch = 1;
    gap_ns = 200000;
  }
  double seconds = atof(argv[5]);
  unsigned ring_bytes = (unsigned) atoi(argv[6]) * 1024u;
  unsigned blocks = ring_bytes / BLOCK, frames = ring_bytes / FRAME;
  unsigned retire = argc > 7 ? (unsigned) atoi(argv[7]) : 0;
  if (blocks == 0) {
    fprintf(stderr, "RING_KIB must be at least 64\n");
    return 64;
  }

  int fd = packet_socket(v3 ? TPACKET_V3 : TPACKET_V2);
  if (v3) {
    struct tpacket_req3 req = {.tp_block_size = BLOCK, .tp_block_nr = blocks,
                               .tp_frame_size = FRAME, .tp_frame_nr = frames,
                               .tp_retire_blk_tov = retire};
    if (setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req) < 0) die("rx ring v3");
  } else {
    struct tpacket_req req = {BLOCK, blocks, FRAME, frames};
    if (setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req) < 0) die("rx ring v2");
  }
  uint8_t *ring = mmap(NULL, ring_bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (ring == MAP_FAILED) die("rx mmap");
  bind_to(fd, argv[1]);

  pthread_t thread;
  struct sender_args args = {argv[2]};
  pthread_create(&thread, NULL, sender, &args);
  uint64_t start = now_ns();
  struct timespec cpu_start, cpu_end;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu_start);
  uint64_t end = start + (uint64_t) (seconds * 1e9);
  unsigned cursor = 0;
  long polls = 0;
  uint64_t idle_since = 0;
  const char *spin = getenv("RINGBENCH_SPIN_US");
  uint64_t spin_ns = spin != NULL ? (uint64_t) atoi(spin) * 1000u : 0;
  while (now_ns() < end) {
    int found = 0;
    if (v3) {
      struct tpacket_block_desc *b = (void *) (ring + (size_t) cursor * BLOCK);
      if (__atomic_load_n(&b->hdr.bh1.block_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER) {
        uint64_t seen = now_ns();
        struct tpacket3_hdr *h = (void *) ((uint8_t *) b + b->hdr.bh1.offset_to_first_pkt);
        for (unsigned i = 0; i < b->hdr.bh1.num_pkts; i++) {
          account((uint8_t *) h + h->tp_mac, h->tp_snaplen, seen);
          h = (void *) ((uint8_t *) h + h->tp_next_offset);
        }
        __atomic_store_n(&b->hdr.bh1.block_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
        cursor = (cursor + 1) % blocks;
        found = 1;
      }
    } else {
      uint64_t seen = 0;
      for (int n = 0; n < BURST; n++) {
        struct tpacket2_hdr *h = (void *) (ring + (size_t) cursor * FRAME);
        if (!(__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER)) break;
        if (seen == 0) seen = now_ns();
        account((uint8_t *) h + h->tp_mac, h->tp_snaplen, seen);
        __atomic_store_n(&h->tp_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
        cursor = (cursor + 1) % frames;
        found = 1;
      }
    }
    if (found) {
      idle_since = 0;
    } else if (spin_ns > 0 && (idle_since == 0 || now_ns() - idle_since < spin_ns)) {
      if (idle_since == 0) idle_since = now_ns(); /* spin a while before sleeping */
    } else {
      struct pollfd p = {.fd = fd, .events = POLLIN};
      poll(&p, 1, 10);
      polls++;
      idle_since = 0;
    }
  }
  double elapsed = (double) (now_ns() - start) / 1e9;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu_end);
  double cpu_ns = (double) (cpu_end.tv_sec - cpu_start.tv_sec) * 1e9
      + (double) (cpu_end.tv_nsec - cpu_start.tv_nsec);
  running = 0;
  pthread_join(thread, NULL);
  struct tpacket_stats_v3 stats;
  socklen_t length = sizeof stats;
  getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &stats, &length);

  printf("%s %-7s ring %u KiB", v3 ? "TPACKET_V3" : "TPACKET_V2", argv[4], ring_bytes / 1024);
  if (spin_ns > 0) printf(" spin %u us", (unsigned) (spin_ns / 1000));
  if (v3) printf(" retire %u ms", retire);
  printf(": %.0f frames/s received (%ld of %ld sent), kernel drops %u, polls %ld, "
         "%.0f ns CPU/frame",
         (double) received / elapsed, received, sent_total, stats.tp_drops, polls,
         received > 0 ? cpu_ns / (double) received : 0.0);
  if (sample_count > 0) {
    qsort(samples, (size_t) sample_count, sizeof samples[0], compare);
    printf(", latency p50 %.1f us p99 %.1f us max %.1f us",
           (double) samples[sample_count / 2] / 1e3,
           (double) samples[sample_count * 99 / 100] / 1e3,
           (double) samples[sample_count - 1] / 1e3);
  }
  printf("\n");
  return 0;
}
