#!/usr/bin/python3
"""A host on an 802.1Q VLAN, made of scapy, for the data plane's VLAN tests.

The test machines' kernel has no 8021q module, so the host at the other end of a VLAN
sub-interface cannot be a kernel VLAN device; this script plays it on the raw link instead.

usage: vlan_host.py IFACE VLAN IP MAC GATEWAY SECONDS

First it asks for the gateway (the appliance's address on the VLAN) with a tagged ARP request and
pings it with a tagged ICMP echo, printing "arp GATEWAY is-at MAC vlan N" and
"echo-reply from GATEWAY vlan N" for tagged answers. Then, for SECONDS and no longer, it answers
tagged ARP requests and ICMP echo requests for IP, printing "answered ..." for each.
"""
import sys

from scapy.all import ARP, ICMP, IP, Dot1Q, Ether, conf, sendp, sniff, srp1

conf.verb = 0
iface, vlan, ip, mac, gateway, seconds = sys.argv[1:7]
vlan, seconds = int(vlan), float(seconds)


def tagged(p):
    return Dot1Q in p and p[Dot1Q].vlan == vlan


def say(line):
    print(line, flush=True)


arp = srp1(Ether(src=mac, dst="ff:ff:ff:ff:ff:ff") / Dot1Q(vlan=vlan)
           / ARP(op=1, hwsrc=mac, psrc=ip, pdst=gateway), iface=iface, timeout=3, retry=2)
if arp is not None and tagged(arp) and ARP in arp and arp[ARP].op == 2:
    gateway_mac = arp[ARP].hwsrc
    say(f"arp {gateway} is-at {gateway_mac} vlan {arp[Dot1Q].vlan}")
    echo = srp1(Ether(src=mac, dst=gateway_mac) / Dot1Q(vlan=vlan) / IP(src=ip, dst=gateway)
                / ICMP(id=7, seq=1) / b"outpost-vlan", iface=iface, timeout=3, retry=2)
    if echo is not None and tagged(echo) and ICMP in echo and echo[ICMP].type == 0:
        say(f"echo-reply from {echo[IP].src} vlan {echo[Dot1Q].vlan}")
else:
    say(f"no tagged ARP answer from {gateway}: {arp!r}")


def answer(p):
    if not tagged(p):
        return
    if ARP in p and p[ARP].op == 1 and p[ARP].pdst == ip:
        sendp(Ether(src=mac, dst=p[Ether].src) / Dot1Q(vlan=vlan)
              / ARP(op=2, hwsrc=mac, psrc=ip, hwdst=p[ARP].hwsrc, pdst=p[ARP].psrc), iface=iface)
        say(f"answered arp from {p[ARP].psrc}")
    elif IP in p and ICMP in p and p[IP].dst == ip and p[ICMP].type == 8:
        sendp(Ether(src=mac, dst=p[Ether].src) / Dot1Q(vlan=vlan)
              / IP(src=ip, dst=p[IP].src, ttl=64)
              / ICMP(type=0, id=p[ICMP].id, seq=p[ICMP].seq) / bytes(p[ICMP].payload),
              iface=iface)
        say(f"answered echo from {p[IP].src}")


say("answering")
sniff(iface=iface, prn=answer, store=False, timeout=seconds)
say("done")
