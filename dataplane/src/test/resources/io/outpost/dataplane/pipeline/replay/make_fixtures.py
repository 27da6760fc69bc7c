#!/usr/bin/python3
"""Writes the pcap files PcapReplayTest replays through the pipeline, with scapy.

Run from this directory to regenerate (the outputs are committed; the test does not need
scapy): /usr/bin/python3 make_fixtures.py

Every frame arrives on port 0 of PcapReplayTest's router (WorkerFixture): its MAC is
02:00:00:00:00:01, if0 is 10.0.1.1/24 and 2001:db8:1::1/64, VLAN 100 on port 0 is 10.0.3.1/24;
198.51.100.0/24 is routed via 10.0.2.9 on port 1 (MTU 1400), 2001:db8:2::/64 is on port 1,
203.0.113.0/24 is a blackhole and 192.0.2.0/24 a reject route.

Each pcap has a sidecar NAME.expected, one line per frame in order: what must become of it
(forward, punt, or the name of the DropReason it is dropped and counted for), a tab, and why.
"""
import logging

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)  # before scapy: it warns on import

from scapy.all import (ARP, ICMP, IP, UDP, TCP, Dot1Q, Ether, IPOption_RR, IPv6,
                       IPv6ExtHdrDestOpt, IPv6ExtHdrFragment, IPv6ExtHdrRouting, Raw, fragment,
                       wrpcap)

ROUTER = "02:00:00:00:00:01"
HOST = "02:aa:00:00:00:01"
A, A6 = "10.0.1.2", "2001:db8:1::2"
FAR, B6 = "198.51.100.7", "2001:db8:2::2"


def eth(payload, dst=ROUTER):
    return Ether(dst=dst, src=HOST) / payload


def raw_ip(**fields):
    """An IPv4 header with the given fields forced, checksum recomputed unless given."""
    return bytes(IP(src=A, dst=FAR, **fields) / UDP(sport=1000, dport=2000) / Raw(b"x" * 18))


def patch(data, at, value):
    b = bytearray(data)
    b[at] = value
    return bytes(b)


def write(name, cases):
    frames = []
    for i, (frame, _, _) in enumerate(cases):
        f = Raw(bytes(frame))  # exactly these bytes, malformed or not
        f.time = 1764000000 + i / 1000
        frames.append(f)
    wrpcap(name + ".pcap", frames, linktype=1)  # DLT_EN10MB
    with open(name + ".expected", "w") as f:
        for _, outcome, why in cases:
            f.write(f"{outcome}\t{why}\n")


FRAGMENTS = fragment(IP(src=A, dst=FAR, id=77) / UDP(sport=1000, dport=2000) / Raw(b"f" * 80),
                     fragsize=64)
assert len(FRAGMENTS) == 2

transit = [
    (eth(IP(src=A, dst=FAR, ttl=64) / UDP(sport=1000, dport=2000) / Raw(b"q" * 30)),
     "forward", "UDP"),
    (eth(IP(src=A, dst=FAR) / TCP(sport=40000, dport=80, flags="S", options=[("MSS", 1460)])),
     "forward", "TCP SYN with options"),
    (eth(IP(src=A, dst=FAR, options=[IPOption_RR(routers=["0.0.0.0"] * 2)])
         / ICMP(type=8, id=1, seq=1) / Raw(b"rr")),
     "forward", "IPv4 options are passed through"),
    (eth(FRAGMENTS[0]), "forward", "first fragment"),
    (eth(FRAGMENTS[1]), "forward", "last fragment"),
    (eth(IPv6(src=A6, dst=B6, hlim=64) / UDP(sport=1000, dport=2000) / Raw(b"v6")),
     "forward", "IPv6 UDP"),
    (eth(IPv6(src=A6, dst=B6) / IPv6ExtHdrDestOpt() / IPv6ExtHdrRouting(segleft=0)
         / IPv6ExtHdrFragment(id=9, m=1) / UDP(sport=1, dport=2) / Raw(b"e" * 40)),
     "forward", "IPv6 extension headers, skipped"),
    (eth(Dot1Q(vlan=100) / IP(src="10.0.3.2", dst=FAR) / UDP(sport=5, dport=6) / Raw(b"t")),
     "forward", "from the VLAN sub-interface"),
    (eth(IP(src=A, dst="10.0.1.1") / ICMP(type=8, id=2, seq=1)), "punt", "ping to us"),
    (eth(ARP(op=1, hwsrc=HOST, psrc=A, pdst="10.0.1.1"), dst="ff:ff:ff:ff:ff:ff"),
     "punt", "ARP request for our address"),
    (eth(Dot1Q(vlan=100) / IP(src="10.0.3.2", dst="10.0.3.1") / ICMP()), "punt",
     "ping to our VLAN address"),
    (eth(IP(src=A, dst="203.0.113.5") / UDP()), "BLACKHOLE", "blackhole route"),
    (eth(IP(src=A, dst="192.0.2.5") / UDP()), "REJECT", "reject route"),
    (eth(IP(src=A, dst=FAR, ttl=1) / UDP()), "TTL_EXPIRED", "TTL 1"),
    (eth(IP(src=A, dst=FAR, flags="DF") / UDP(sport=1000, dport=2000) / Raw(b"b" * 1400)), "TOO_BIG",
     "DF and larger than port 1's MTU"),
    (eth(IP(src=A, dst="172.16.0.1") / UDP()), "NO_ROUTE", "no route"),
    (eth(IP(src=A, dst="224.0.0.251") / UDP(sport=5353, dport=5353),
         dst="01:00:5e:00:00:fb"),
     "punt", "link-local multicast (mDNS) goes to the kernel"),
    (eth(IP(src=A, dst="239.1.1.1") / UDP(sport=1000, dport=2000), dst="01:00:5e:01:01:01"),
     "MULTICAST_NOT_ROUTED", "site multicast is not routed"),
    (eth(IPv6(src=A6, dst="ff05::1:3") / UDP(sport=1000, dport=2000), dst="33:33:00:01:00:03"),
     "MULTICAST_NOT_ROUTED", "site multicast is not routed"),
]

udp_far = raw_ip()
malformed = [
    (Ether(dst=ROUTER, src=HOST, type=0x0800).build()[:10], "TRUNCATED_ETHERNET",
     "10 bytes"),
    (Ether(dst=ROUTER, src=HOST, type=0x0800) / Raw(udp_far[:12]), "TRUNCATED_IPV4",
     "12 bytes of IPv4"),
    (Ether(dst=ROUTER, src=HOST, type=0x0800) / Raw(patch(udp_far, 0, 0x44)), "BAD_IPV4_IHL",
     "IHL 4"),
    (Ether(dst=ROUTER, src=HOST, type=0x0800) / Raw(patch(udp_far, 0, 0x65)),
     "BAD_IPV4_VERSION", "version 6 in an IPv4 frame"),
    (Ether(dst=ROUTER, src=HOST, type=0x0800) / Raw(patch(udp_far, 11, udp_far[11] ^ 0xff)),
     "BAD_IPV4_CHECKSUM", "header checksum off"),
    (Ether(dst=ROUTER, src=HOST, type=0x0800) / Raw(raw_ip(len=400)), "BAD_IPV4_LENGTH",
     "total length past the frame"),
    (Ether(dst=ROUTER, src=HOST, type=0x0800) / Raw(raw_ip(len=10)), "BAD_IPV4_LENGTH",
     "total length shorter than the header"),
    (Ether(dst=ROUTER, src=HOST, type=0x86dd) / Raw(bytes(IPv6(src=A6, dst=B6))[:30]),
     "TRUNCATED_IPV6", "30 bytes of IPv6"),
    (Ether(dst=ROUTER, src=HOST, type=0x86dd) / Raw(bytes(IPv6(src=A6, dst=B6, plen=500)
                                                         / UDP())),
     "BAD_IPV6_LENGTH", "payload length past the frame"),
    (Ether(dst=ROUTER, src=HOST, type=0x86dd)
     / Raw(bytes(IPv6(src=A6, dst="2001:db8:1::1", nh=60, plen=2) / Raw(b"\x11\x05"))),
     "BAD_IPV6_HEADERS", "to us, destination options header cut short"),
    (eth(ARP(op=1, hwsrc=HOST, psrc=A, pdst="10.0.1.1")).build()[:30], "BAD_ARP",
     "ARP cut short"),
    (eth(ARP(op=1, hwsrc=HOST, psrc=A, pdst="10.0.1.99"), dst="ff:ff:ff:ff:ff:ff"),
     "ARP_NOT_FOR_US", "ARP for another host"),
    (eth(IP(src=A, dst=FAR) / UDP(), dst="02:99:99:99:99:99"), "NOT_FOR_US",
     "unicast to another MAC"),
    (eth(Dot1Q(vlan=200) / IP(src=A, dst=FAR) / UDP()), "UNKNOWN_INTERFACE", "VLAN 200"),
    (Ether(dst=ROUTER, src=HOST, type=0x88cc) / Raw(b"\x00" * 40), "UNSUPPORTED_ETHERTYPE",
     "LLDP"),
    (eth(IP(src="127.0.0.1", dst=FAR) / UDP()), "BAD_IPV4_SOURCE", "loopback source"),
    (eth(IPv6(src="::1", dst=B6) / UDP()), "BAD_IPV6_SOURCE", "loopback source"),
    (eth(IPv6(src=A6, dst="fe80::9") / UDP()), "LINK_LOCAL_NOT_FORWARDED",
     "link-local destination"),
    (eth(IPv6(src=A6, dst=B6, nh=60, plen=10) / Raw(b"\x11\x05" + b"\x00" * 8)),
     "forward", "transit: a router forwards past extension headers it need not read"),
]

write("transit", transit)
write("malformed", malformed)
