package com.salesanalytics.catalog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Walks the files of every layer of an image tarball Jib wrote (a tar of gzipped layer tars). */
final class ImageLayers {
  private ImageLayers() {}

  /** One file or directory of a layer: its path inside the image (no leading "./" or "/") and its content. */
  @FunctionalInterface
  interface EntryVisitor {
    void visit(String path, TarArchiveEntry entry, InputStream content) throws IOException;
  }

  static void forEachEntry(Path tarball, EntryVisitor visitor) throws IOException {
    try (TarArchiveInputStream image = new TarArchiveInputStream(Files.newInputStream(tarball))) {
      for (TarArchiveEntry layer; (layer = image.getNextEntry()) != null; ) {
        if (layer.getName().endsWith(".tar.gz")) {
          TarArchiveInputStream files = new TarArchiveInputStream(new GZIPInputStream(new NonClosing(image)));
          for (TarArchiveEntry entry; (entry = files.getNextEntry()) != null; ) {
            visitor.visit(entry.getName().replaceFirst("^\\.?/", ""), entry, files);
          }
        }
      }
    }
  }

  /** Lets a nested stream be read to its end without closing the outer tar. */
  private static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
