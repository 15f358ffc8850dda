/*
 * rtp-phone: the RTP side of media-apps.sh's SIPp calls, many calls in one single-threaded process.
 * Each call has a port of its own on 127.0.0.1; for every port it counts the audio packets it receives (payload type
 * 0 or 8; telephone-events apart), their arrival gaps and missing sequence numbers, and, when asked, sends 20 ms PCMU
 * packets of a 1 kHz tone (50 per second, 160 bytes) for a fixed time:
 *   -p FIRST:COUNT  ports that receive, and send once told where (a line "PORT DEST_PORT" in the FIFO, written by a
 *                   SIPp <exec> after the 200 OK: DEST_PORT is the PBX's relay port from its SDP)
 *   -r FIRST:COUNT  ports that answer: the first audio packet they receive starts their sending, to its source
 *                   (the PBX latches symmetric RTP, so a call's receive port must also be its send port)
 *   -f FIFO -d SEND_MS -t LIMIT_S -o CSV
 * It stops after LIMIT_S seconds (or on SIGTERM/SIGINT) and writes one CSV line per port that sent or received.
 * Loopback only: it binds and sends to 127.0.0.1 and nothing else.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_PORTS 4096
#define FRAME_US 20000
#define PAYLOAD 160

typedef struct {
    int fd, port, reply;
    /* receiving */
    long audio, other, late, missing;
    int64_t first_us, last_us, max_gap_us;
    int seq_init; uint16_t next_seq;
    /* sending */
    int sending; struct sockaddr_in dest; int64_t next_us, end_us; long sent; uint16_t seq; uint32_t ts;
} port_t;

static port_t ports[MAX_PORTS];
static int nports;
static volatile sig_atomic_t stop;
static unsigned char tone[PAYLOAD];

static int64_t now_us(void) {
    struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static unsigned char linear2ulaw(int s) { /* G.711 mu-law, as in the reference implementation */
    const int BIAS = 0x84, CLIP = 32635;
    int sign = (s >> 8) & 0x80;
    if (sign) s = -s;
    if (s > CLIP) s = CLIP;
    s += BIAS;
    int exp = 7;
    for (int mask = 0x4000; (s & mask) == 0 && exp > 0; mask >>= 1) exp--;
    int mant = (s >> (exp + 3)) & 0x0F;
    return (unsigned char) ~(sign | (exp << 4) | mant);
}

static void range(const char *arg, int reply) {
    int first, count;
    if (sscanf(arg, "%d:%d", &first, &count) != 2 || first < 1024 || count < 1 || first + count > 65536 || nports + count > MAX_PORTS) {
        fprintf(stderr, "bad range %s (FIRST:COUNT, at most %d ports in all)\n", arg, MAX_PORTS); exit(2);
    }
    for (int i = 0; i < count; i++) { ports[nports].port = first + i; ports[nports].reply = reply; nports++; }
}

static port_t *by_port(int port) {
    for (int i = 0; i < nports; i++) if (ports[i].port == port) return &ports[i];
    return NULL;
}

static void start_sending(port_t *p, const struct sockaddr_in *to, int64_t now, int send_ms) {
    if (p->sending) return;
    p->dest = *to; p->sending = 1; p->next_us = now; p->end_us = now + (int64_t) send_ms * 1000;
    p->seq = (uint16_t) (p->port * 7); p->ts = (uint32_t) p->port * 1000;
}

static void send_due(port_t *p, int64_t now) {
    unsigned char pkt[12 + PAYLOAD];
    for (int burst = 0; p->sending == 1 && p->next_us <= now && burst < 5; burst++) {
        if (p->next_us >= p->end_us) { p->sending = 2; return; }
        pkt[0] = 0x80; pkt[1] = 0; /* V=2, PT 0 (PCMU) */
        pkt[2] = p->seq >> 8; pkt[3] = p->seq & 0xff;
        pkt[4] = p->ts >> 24; pkt[5] = p->ts >> 16; pkt[6] = p->ts >> 8; pkt[7] = p->ts;
        uint32_t ssrc = 0x50420000u | (uint32_t) p->port;
        pkt[8] = ssrc >> 24; pkt[9] = ssrc >> 16; pkt[10] = ssrc >> 8; pkt[11] = ssrc;
        memcpy(pkt + 12, tone, PAYLOAD);
        if (sendto(p->fd, pkt, sizeof pkt, 0, (struct sockaddr *) &p->dest, sizeof p->dest) == (ssize_t) sizeof pkt) p->sent++;
        p->seq++; p->ts += PAYLOAD; p->next_us += FRAME_US;
    }
}

static void on_packet(port_t *p, const unsigned char *b, ssize_t n, const struct sockaddr_in *from, int64_t now, int send_ms) {
    if (n < 12 || (b[0] >> 6) != 2) { p->other++; return; }
    int pt = b[1] & 0x7f;
    if (pt != 0 && pt != 8) { p->other++; return; }
    uint16_t seq = (uint16_t) (b[2] << 8 | b[3]);
    if (!p->seq_init) { p->seq_init = 1; p->first_us = now; }
    else {
        int16_t d = (int16_t) (seq - p->next_seq);
        if (d > 0) p->missing += d;
        int64_t gap = now - p->last_us;
        if (gap > p->max_gap_us) p->max_gap_us = gap;
        if (gap > 2 * FRAME_US) p->late++;
    }
    p->next_seq = (uint16_t) (seq + 1);
    p->last_us = now;
    p->audio++;
    if (p->reply && !p->sending) start_sending(p, from, now, send_ms);
}

static void on_fifo(int fd, char *buf, size_t *len, int send_ms) {
    ssize_t n = read(fd, buf + *len, 4095 - *len);
    if (n <= 0) return;
    *len += (size_t) n; buf[*len] = 0;
    char *line = buf, *nl;
    while ((nl = strchr(line, '\n')) != NULL) {
        *nl = 0;
        int port, dest;
        if (sscanf(line, "%d %d", &port, &dest) == 2 && dest > 0 && dest < 65536) {
            port_t *p = by_port(port);
            if (p) {
                struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t) dest)};
                to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                start_sending(p, &to, now_us(), send_ms);
            } else fprintf(stderr, "fifo: port %d is not mine\n", port);
        } else fprintf(stderr, "fifo: bad line '%s'\n", line);
        line = nl + 1;
    }
    *len = strlen(line); memmove(buf, line, *len + 1);
}

static void on_signal(int s) { (void) s; stop = 1; }

int main(int argc, char **argv) {
    const char *fifo = NULL, *out = NULL;
    int send_ms = 0, limit_s = 0, c;
    while ((c = getopt(argc, argv, "p:r:f:d:t:o:")) != -1) {
        switch (c) {
        case 'p': range(optarg, 0); break;
        case 'r': range(optarg, 1); break;
        case 'f': fifo = optarg; break;
        case 'd': send_ms = atoi(optarg); break;
        case 't': limit_s = atoi(optarg); break;
        case 'o': out = optarg; break;
        default: fprintf(stderr, "usage: rtp-phone -p FIRST:COUNT [-r FIRST:COUNT] [-f FIFO] -d SEND_MS -t LIMIT_S -o CSV\n"); return 2;
        }
    }
    if (nports == 0 || !out || limit_s < 1 || limit_s > 3600 || send_ms < 0 || send_ms > 600000) {
        fprintf(stderr, "need -p, -o, -t 1..3600 and -d 0..600000\n"); return 2;
    }
    for (int i = 0; i < PAYLOAD; i++) tone[i] = linear2ulaw((int) lround(8000 * sin(2 * M_PI * 1000 * i / 8000.0)));
    signal(SIGTERM, on_signal); signal(SIGINT, on_signal);
    int ep = epoll_create1(0);
    for (int i = 0; i < nports; i++) {
        port_t *p = &ports[i];
        p->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        int buf = 1 << 20; setsockopt(p->fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t) p->port)};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(p->fd, (struct sockaddr *) &a, sizeof a) != 0) { fprintf(stderr, "bind 127.0.0.1:%d: %s\n", p->port, strerror(errno)); return 1; }
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t) i};
        epoll_ctl(ep, EPOLL_CTL_ADD, p->fd, &ev);
    }
    int ffd = -1; char fbuf[4096]; size_t flen = 0;
    if (fifo) {
        ffd = open(fifo, O_RDWR | O_NONBLOCK); /* O_RDWR: never an EOF when a writer closes */
        if (ffd < 0) { fprintf(stderr, "open %s: %s\n", fifo, strerror(errno)); return 1; }
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = MAX_PORTS};
        epoll_ctl(ep, EPOLL_CTL_ADD, ffd, &ev);
    }
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK); /* the pacer: 1 ms ticks */
    struct itimerspec its = {.it_interval = {0, 1000000}, .it_value = {0, 1000000}};
    timerfd_settime(tfd, 0, &its, NULL);
    struct epoll_event tev = {.events = EPOLLIN, .data.u32 = MAX_PORTS + 1};
    epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev);
    int64_t deadline = now_us() + (int64_t) limit_s * 1000000;
    struct epoll_event evs[256];
    unsigned char b[2048];
    while (!stop && now_us() < deadline) {
        int n = epoll_wait(ep, evs, 256, 100);
        int64_t now = now_us();
        for (int k = 0; k < n; k++) {
            uint32_t id = evs[k].data.u32;
            if (id == MAX_PORTS) { on_fifo(ffd, fbuf, &flen, send_ms); continue; }
            if (id == MAX_PORTS + 1) {
                uint64_t ticks; if (read(tfd, &ticks, sizeof ticks) < 0) { /* nothing due */ }
                for (int i = 0; i < nports; i++) if (ports[i].sending == 1) send_due(&ports[i], now);
                continue;
            }
            port_t *p = &ports[id];
            for (;;) {
                struct sockaddr_in from; socklen_t fl = sizeof from;
                ssize_t r = recvfrom(p->fd, b, sizeof b, 0, (struct sockaddr *) &from, &fl);
                if (r < 0) break;
                on_packet(p, b, r, &from, now, send_ms);
            }
        }
    }
    FILE *f = fopen(out, "w");
    if (!f) { perror(out); return 1; }
    fprintf(f, "port,role,sent,received,other,first_us,last_us,max_gap_us,late,missing,dest_port\n");
    for (int i = 0; i < nports; i++) {
        port_t *p = &ports[i];
        if (p->sent == 0 && p->audio == 0 && p->other == 0) continue;
        fprintf(f, "%d,%s,%ld,%ld,%ld,%lld,%lld,%lld,%ld,%ld,%d\n", p->port, p->reply ? "reply" : "told", p->sent, p->audio, p->other,
                (long long) p->first_us, (long long) p->last_us, (long long) p->max_gap_us, p->late, p->missing,
                p->sending ? ntohs(p->dest.sin_port) : 0);
    }
    fclose(f);
    return 0;
}
