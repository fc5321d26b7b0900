package endpoint

import (
	"errors"
	"io"
)

// maxPooledBuf is the largest buffer kept for reuse; bigger ones are left to the GC.
const maxPooledBuf = 128 << 10

func (h *Handler) getBuf() *[]byte {
	if bp, ok := h.bufs.Get().(*[]byte); ok {
		return bp
	}
	b := make([]byte, 0, 4096)
	return &b
}

func (h *Handler) putBuf(bp *[]byte) {
	if cap(*bp) > maxPooledBuf {
		return
	}
	*bp = (*bp)[:0]
	h.bufs.Put(bp)
}

// readBody appends all of r to buf and returns it. A known content length sizes the
// buffer once.
func readBody(buf []byte, r io.Reader, contentLength int64) ([]byte, error) {
	if contentLength > 0 && int64(cap(buf)-len(buf)) < contentLength+1 {
		nb := make([]byte, len(buf), len(buf)+int(contentLength)+1)
		copy(nb, buf)
		buf = nb
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
