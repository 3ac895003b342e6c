/* The floor of any hook: read stdin to end of file, append one line with O_APPEND, exit 0.
   scripts/bench-hook.sh builds it statically and times session-logger against it. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void) {
    static char buffer[1 << 16];
    long total = 0;
    ssize_t count;
    while ((count = read(0, buffer, sizeof buffer)) > 0) total += count;
    const char *dir = getenv("CLAUDE_LOG_DIR");
    char path[4096], line[64];
    snprintf(path, sizeof path, "%s/floor.jsonl", dir ? dir : "/tmp");
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) {
        int length = snprintf(line, sizeof line, "{\"bytes\":%ld}\n", total);
        if (write(fd, line, length) < 0) return 0;
        close(fd);
    }
    return 0;
}
