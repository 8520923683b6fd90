/* libFuzzer target for the image header checks (image_probe) and the EXIF orientation
 * reader: any bytes are either refused with a reason or accepted with dimensions in range
 * and an EXIF span inside the buffer; never a crash or a read past the end. */
#include "ui/image_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy so ASan sees any read past the end. */
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    ImageProbe pr;
    const char *why = NULL;
    if (image_probe(buf, size, &pr, &why) != 0) {
        if (!why || !*why)
            abort(); /* a refusal always says why */
    } else {
        if (pr.width <= 0 || pr.height <= 0 || pr.width > 32767 || pr.height > 32767)
            abort();
        if (pr.exif_len && (pr.exif_off + pr.exif_len > size))
            abort();
        if (pr.exif_len) {
            int o = image_exif_orientation(buf + pr.exif_off, pr.exif_len);
            if (o < 1 || o > 8)
                abort();
        }
    }
    free(buf);
    return 0;
}
