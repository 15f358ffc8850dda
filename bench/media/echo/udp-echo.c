/*
 * The benchmark's reference: a plain single-threaded UDP echo, as simple as it can be (one socket, recvfrom,
 * sendto back to the sender). Built by bench/media-ramp.sh with Debian's gcc.
 *
 * Usage: udp-echo IP PORT MAX_SECONDS   (IP on loopback; exits after MAX_SECONDS so it never outlives a run)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s IP PORT MAX_SECONDS\n", argv[0]);
        return 2;
    }
    struct sockaddr_in self = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[2]))};
    if (inet_pton(AF_INET, argv[1], &self.sin_addr) != 1 || (ntohl(self.sin_addr.s_addr) >> 24) != 127) {
        fprintf(stderr, "udp-echo: %s is not an IPv4 loopback address\n", argv[1]);
        return 2;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int buf = 4 << 20; /* the same socket buffers as the generator's; capped by rmem_max / wmem_max */
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
    if (fd < 0 || bind(fd, (struct sockaddr *)&self, sizeof self) != 0) {
        perror("udp-echo: bind");
        return 1;
    }
    alarm((unsigned)atoi(argv[3])); /* SIGALRM ends the process */
    char packet[65536];
    for (;;) {
        struct sockaddr_in peer;
        socklen_t len = sizeof peer;
        ssize_t n = recvfrom(fd, packet, sizeof packet, 0, (struct sockaddr *)&peer, &len);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("udp-echo: recvfrom");
            return 1;
        }
        sendto(fd, packet, (size_t)n, 0, (struct sockaddr *)&peer, len); /* a full buffer drops it: counted as loss */
    }
}
