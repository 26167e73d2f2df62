package org.fluorovault.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.fluorovault.dicom.data.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body to {@code fluorovault.http.max-body-size}: a declared Content-Length
 * above it is answered 413 before anything is read; a body without one (chunked) is counted as it
 * is read, and reading past the limit answers 413 at once and fails the read (whatever the
 * endpoint then writes is dropped). Runs before
 * authentication, so an oversized body is never buffered for anyone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBodyLimit.class);
    static final String EXCEEDED = RequestBodyLimit.class.getName() + ".exceeded";

    private final long max;

    RequestBodyLimit(HttpProperties props) {
        this.max = props.maxBodySize().toBytes();
    }

    /** Thrown by the counting stream; a subclass of IOException so readers treat it as a failed read. */
    static final class TooLarge extends IOException {
        TooLarge(long max) {
            super("request body larger than " + max + " bytes (fluorovault.http.max-body-size)");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain)
            throws ServletException, IOException {
        long declared = req.getContentLengthLong();
        if (declared > max) {
            tooLarge(req, rsp);
            return;
        }
        Sealable sealable = new Sealable(rsp);
        Limited limited = new Limited(req, max, () -> {
            // answered at once, before whatever the reader of the body makes of the failed read
            if (!rsp.isCommitted()) {
                rsp.reset();
                tooLarge(req, rsp);
                rsp.flushBuffer();
            }
            sealable.sealed = true;
        });
        try {
            chain.doFilter(limited, sealable);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!sealable.sealed) throw e;
        }
    }

    /** Called once when the body passes the limit. */
    private interface OnExceeded {
        void run() throws IOException;
    }

    /** The response, which ignores everything once the 413 is sent. */
    private static final class Sealable extends HttpServletResponseWrapper {
        volatile boolean sealed;

        Sealable(HttpServletResponse rsp) {
            super(rsp);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!sealed) return super.getOutputStream();
            return new ServletOutputStream() {
                @Override
                public void write(int b) {}

                @Override
                public void write(byte[] b, int off, int len) {}

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener l) {}
            };
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return sealed ? new PrintWriter(OutputStream.nullOutputStream()) : super.getWriter();
        }

        @Override
        public void setStatus(int sc) {
            if (!sealed) super.setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            if (!sealed) super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            if (!sealed) super.sendError(sc);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!sealed) super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            if (!sealed) super.addHeader(name, value);
        }

        @Override
        public void setContentType(String type) {
            if (!sealed) super.setContentType(type);
        }

        @Override
        public void setContentLength(int len) {
            if (!sealed) super.setContentLength(len);
        }

        @Override
        public void setContentLengthLong(long len) {
            if (!sealed) super.setContentLengthLong(len);
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!sealed) super.flushBuffer();
        }

        @Override
        public void resetBuffer() {
            if (!sealed) super.resetBuffer();
        }

        @Override
        public void reset() {
            if (!sealed) super.reset();
        }
    }

    private void tooLarge(HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        LOG.warn(
                "HTTP {} {} from {}: body over {} bytes refused (413)",
                LogSafe.escape(req.getMethod()),
                LogSafe.escape(req.getRequestURI()),
                req.getRemoteAddr(),
                max);
        rsp.setHeader("Connection", "close");
        rsp.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        rsp.setContentType("application/json");
        rsp.getWriter()
                .write("{\"error\":\"request body larger than " + max + " bytes (fluorovault.http.max-body-size)\"}");
    }

    /** The request with its body stream counted. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private final OnExceeded onExceeded;
        private ServletInputStream stream;
        private BufferedReader reader;
        private boolean exceeded;

        Limited(HttpServletRequest req, long max, OnExceeded onExceeded) {
            super(req);
            this.max = max;
            this.onExceeded = onExceeded;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new Counting(super.getInputStream());
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String enc = getCharacterEncoding();
                Charset cs = enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), cs));
            }
            return reader;
        }

        private final class Counting extends ServletInputStream {
            private final ServletInputStream in;
            private long count;

            Counting(ServletInputStream in) {
                this.in = in;
            }

            private int counted(int n) throws IOException {
                if (n > 0) {
                    count += n;
                    if (count > max) {
                        if (!exceeded) {
                            exceeded = true;
                            onExceeded.run();
                        }
                        throw new TooLarge(max);
                    }
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) counted(1);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return counted(in.read(b, off, len));
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener l) {
                in.setReadListener(l);
            }
        }
    }
}
