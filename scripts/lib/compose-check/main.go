// Command compose-check loads compose files with the Compose Specification's own loader
// (compose-go, what `docker compose` uses), with every profile enabled, and prints the resolved
// project as JSON for scripts/check-deploy.mjs; a file the loader rejects exits 1 with the reason.
//
//	go run . -env-file deploy/vm/vm.env.example docker-compose.yml deploy/vm/compose.vm.yml
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	envFile := flag.String("env-file", "", "variables for interpolation, as `docker compose --env-file`")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: compose-check [-env-file FILE] COMPOSE_FILE...")
		os.Exit(2)
	}
	opts := []cli.ProjectOptionsFn{cli.WithProfiles([]string{"*"}), cli.WithInterpolation(true)}
	if *envFile != "" {
		opts = append(opts, cli.WithEnvFiles(*envFile), cli.WithDotEnv)
	}
	options, err := cli.NewProjectOptions(flag.Args(), opts...)
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	out, err := project.MarshalJSON()
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compose-check:", err)
	os.Exit(1)
}
