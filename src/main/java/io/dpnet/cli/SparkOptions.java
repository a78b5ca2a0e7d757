package io.dpnet.cli;

import io.dpnet.nn.Blas;
import io.dpnet.spark.RunOptions;
import io.dpnet.spark.SparkDefaults;
import io.dpnet.spark.SparkHadoop;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Options every command shares: where Spark runs, how many partitions, how much to log. */
final class SparkOptions {
    private static final Logger LOG = LoggerFactory.getLogger(SparkOptions.class);

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master URL (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "N", converter = PositiveInteger.class,
            description = "Partitions of the cached data (default: Spark's default parallelism, one per core).")
    Integer partitions;

    @Option(names = "--verbose", description = "Spark's INFO logs and stack traces on errors.")
    boolean verbose;

    /**
     * Hadoop settings for files read and written on the driver: the defaults plus every {@code spark.hadoop.*}
     * setting (from spark-submit's --conf), as Spark gives its own jobs, so credentials and fs.defaultFS apply here
     * too, even before Spark starts.
     */
    Configuration hadoopConfiguration() {
        return SparkHadoop.configuration(new SparkConf());
    }

    JavaSparkContext start(String appName) {
        if (verbose) {
            Configurator.setRootLevel(Level.INFO);
        }
        SparkConf conf = SparkDefaults.apply(new SparkConf().setAppName(appName));
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        LOG.info("Spark {} on {}; BLAS {}: {}", sc.version(), sc.master(), Blas.implementationName(),
                Blas.description());
        return sc;
    }

    /** The run's settings: the application's defaults, with --partitions where it is given. */
    RunOptions runOptions(JavaSparkContext sc) {
        RunOptions defaults = RunOptions.defaults(sc);
        return partitions == null ? defaults : defaults.withPartitions(partitions);
    }
}
