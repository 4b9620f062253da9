//! Where a render writes: a buffer that goes to its file a chunk at a time, at the record
//! boundaries the render marks. No render holds a whole file (graph.json of a 100 MB corpus is
//! 64 MB, and the five files were once all in memory at the end of a build), and a record can
//! still be mended before it leaves (graph.json swaps an edge's closing brace for its evidence).

use std::io;

/// Bytes gathered before they go to the file.
const CHUNK: usize = 1 << 20;

/// A render's output: in memory ([`Sink::memory`]) or on its way to a writer ([`Sink::to`]).
pub struct Sink<'w> {
    buf: Vec<u8>,
    out: Option<&'w mut dyn io::Write>,
    /// The first write error; later writes are dropped and [`Sink::finish`] returns it.
    error: Option<io::Error>,
}

impl Sink<'static> {
    /// A sink that keeps everything, for [`Sink::into_bytes`].
    pub fn memory() -> Sink<'static> {
        Sink {
            buf: Vec::new(),
            out: None,
            error: None,
        }
    }
}

impl<'w> Sink<'w> {
    /// A sink that writes to `out` as it goes.
    pub fn to(out: &'w mut dyn io::Write) -> Sink<'w> {
        Sink {
            buf: Vec::with_capacity(CHUNK + CHUNK / 4),
            out: Some(out),
            error: None,
        }
    }

    /// Adds text.
    pub fn push_str(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// Adds bytes.
    pub fn push_bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    /// Takes back the last byte written since the last record boundary.
    pub fn pop(&mut self) -> Option<u8> {
        self.buf.pop()
    }

    /// Marks a record boundary: what came before may go to the writer now.
    pub fn record_end(&mut self) {
        if self.buf.len() >= CHUNK {
            self.send();
        }
    }

    fn send(&mut self) {
        if let Some(out) = self.out.as_mut() {
            if self.error.is_none()
                && let Err(e) = out.write_all(&self.buf)
            {
                self.error = Some(e);
            }
            self.buf.clear();
        }
    }

    /// Sends what is left and says whether every write succeeded.
    ///
    /// # Errors
    /// The first error the writer returned.
    pub fn finish(mut self) -> io::Result<()> {
        self.send();
        match self.error.take() {
            Some(e) => Err(e),
            None => self.out.as_mut().map_or(Ok(()), |o| o.flush()),
        }
    }

    /// Everything written, for a sink made with [`Sink::memory`].
    pub fn into_bytes(self) -> Vec<u8> {
        debug_assert!(self.out.is_none(), "a writer's sink keeps no bytes");
        self.buf
    }
}

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

impl io::Write for Sink<'_> {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.push_bytes(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_reach_the_writer_in_order_at_record_ends_and_at_finish() {
        let mut file = Vec::new();
        let mut sink = Sink::to(&mut file);
        let record = "x".repeat(CHUNK / 2);
        for i in 0..5 {
            sink.push_str(&record);
            sink.push_str(&i.to_string());
            sink.record_end();
        }
        sink.push_str("end}");
        assert_eq!(sink.pop(), Some(b'}'));
        sink.finish().unwrap();
        let want: String = (0..5).map(|i| format!("{record}{i}")).collect::<String>() + "end";
        assert_eq!(String::from_utf8(file).unwrap(), want);
    }

    struct Full(usize);

    impl io::Write for Full {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            if self.0 < b.len() {
                return Err(io::Error::other("disk full"));
            }
            self.0 -= b.len();
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_error_is_kept_and_returned_by_finish() {
        let mut full = Full(CHUNK + 10);
        let mut sink = Sink::to(&mut full);
        for _ in 0..4 {
            sink.push_str(&"y".repeat(CHUNK));
            sink.record_end();
        }
        assert_eq!(sink.finish().unwrap_err().to_string(), "disk full");
    }
}
